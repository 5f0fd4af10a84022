using System.CommandLine;
using IoTopia.Certify.Harness.Integrity;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify verify RUN</c>: 0 intact, 1 any change / loss / addition / bad signature, 3 not a run folder.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "the run folder" };
        var command = new Command("verify", "Re-hash a run folder against its manifest and check its signature") { run };
        command.SetAction(result =>
        {
            ManifestVerifier.Report report;
            try
            {
                report = ManifestVerifier.Verify(new RunFolder(result.GetValue(run)!));
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            foreach (var problem in report.Problems)
                Console.WriteLine(problem);
            Console.WriteLine(report.Signer is null ? "signature: none" : $"signature: valid, signed by {report.Signer}");
            Console.WriteLine(report.Intact
                ? $"intact: {report.FilesChecked} files match the manifest"
                : $"NOT intact: {report.Problems.Count} problems");
            return report.Intact ? 0 : 1;
        });
        return command;
    }
}
