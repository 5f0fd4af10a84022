using System.CommandLine;
using IoTopia.Certify.Harness.Integrity;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify sign RUN --key KEY</c>: writes manifest.json.p7s, a detached CMS signature over manifest.json.</summary>
public static class SignCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "the run folder" };
        var key = new Option<string>("--key") { Description = "PEM file with the lab's certificate and private key, or a PKCS#12 file", Required = true };
        var command = new Command("sign", "Sign a run's manifest with the lab's key") { run, key };
        command.SetAction(result =>
        {
            var folder = new RunFolder(result.GetValue(run)!);
            if (!File.Exists(folder.Manifest))
            {
                Console.Error.WriteLine($"{folder.Root}: not a run folder (no manifest.json)");
                return ExitCodes.BadInput;
            }
            try
            {
                var certificate = ManifestSigner.Sign(folder, Path.GetFullPath(result.GetValue(key)!));
                Console.WriteLine($"signed {folder.Manifest} as {certificate.Subject} -> {folder.Signature}");
                return 0;
            }
            catch (InputException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
