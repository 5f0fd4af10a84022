using System.CommandLine;
using IoTopia.Certify.Harness.Integrity;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Text;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>
/// <c>certify sign RUN --key KEY</c>: signs an intact, sealed run. The signer is journalled first and the manifest
/// re-written over that journal, so a signature deleted later is found by <c>verify</c> without options.
/// </summary>
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
            try
            {
                var certificate = RunSigning.Sign(folder, Path.GetFullPath(result.GetValue(key)!));
                Console.WriteLine($"signed {folder.Manifest} as {DeviceText.ForTerminal(certificate.Subject)} -> {folder.Signature}");
                return 0;
            }
            catch (InputException e)
            {
                Console.Error.WriteLine(DeviceText.ForTerminal(e.Message));
                return ExitCodes.BadInput;
            }
            catch (RunFolderWriteException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.Error;
            }
        });
        return command;
    }
}
