using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Files;
using IoTopia.Certify.Harness.Integrity;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Text;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify verify RUN [--trust-anchor PEM] [--require-signature]</c>: 0 intact, 1 any change / loss / addition / bad or missing signature, 3 not a (sealed) run folder.</summary>
public static class VerifyCommand
{
    private const long MaxAnchorBytes = 1024 * 1024;

    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "the run folder" };
        var anchor = new Option<string?>("--trust-anchor") { Description = "PEM file with the lab's trust anchor(s): the signer must chain to one (revocation and downloads off)" };
        var require = new Option<bool>("--require-signature") { Description = "an unsigned run fails" };
        var command = new Command("verify", "Re-hash a run folder against its manifest and check its signature") { run, anchor, require };
        command.SetAction(result =>
        {
            ManifestVerifier.Report report;
            try
            {
                var anchors = result.GetValue(anchor) is { } pem ? LoadAnchors(pem) : [];
                report = ManifestVerifier.Verify(new RunFolder(result.GetValue(run)!), anchors, result.GetValue(require));
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine(DeviceText.ForTerminal(e.Message));
                return ExitCodes.BadInput;
            }
            foreach (var problem in report.Problems)
                Console.WriteLine(DeviceText.ForTerminal(problem, limit: 4000));
            Console.WriteLine(DeviceText.ForTerminal(report.Signature.Describe()));
            Console.WriteLine(report.Intact
                ? $"intact: {report.FilesChecked} files match the manifest"
                : $"NOT intact: {report.Problems.Count} problems");
            return report.Intact ? 0 : 1;
        });
        return command;
    }

    private static X509Certificate2[] LoadAnchors(string pem)
    {
        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(UntrustedFile.ReadAllText(pem, MaxAnchorBytes));
            return collection.Count > 0 ? [.. collection] : throw new InvalidDataException($"--trust-anchor {pem}: no certificate in it");
        }
        catch (Exception e) when (e is UntrustedFileException or CryptographicException)
        {
            throw new InvalidDataException($"--trust-anchor {pem}: not a PEM file of certificates ({e.Message})");
        }
    }
}
