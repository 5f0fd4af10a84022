using System.CommandLine;
using System.Security.Cryptography;
using IoTopia.Certify.Harness.Files;
using IoTopia.Certify.Suit;
using IoTopia.Certify.Suit.Inspection;
using IoTopia.Certify.Suit.Signing;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>
/// <c>certify suit inspect FILE [--key PEM] [--json]</c>: the envelope in diagnostic notation, its digests and (with a key) its signature.
/// 0 valid, 1 malformed, unsupported, bad digest or no signature verifying with the key, 3 unreadable file or key, bad arguments.
/// </summary>
public static class SuitInspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "a SUIT envelope (CBOR, tag 107)" };
        var key = new Option<string>("--key") { Description = "PEM file of the signer's EC public key (a certificate or a private key also do)" };
        var json = new Option<bool>("--json") { Description = "print a machine-readable report" };
        var command = new Command("inspect", "Decode a SUIT envelope, check its digests and its signature") { file, key, json };
        command.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            byte[] envelope;
            ECDsa? publicKey = null;
            try
            {
                envelope = Read(path);
                if (result.GetValue(key) is { } pem)
                    publicKey = SuitKeyFiles.PublicFromPem(ReadKey(pem), pem);
            }
            catch (Exception e) when (e is SuitInputException or SuitKeyException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            using (publicKey)
            {
                var inspection = SuitInspector.Inspect(envelope, publicKey);
                if (result.GetValue(json))
                    SuitInspectOutput.WriteJson(Console.Out, path, envelope.Length, inspection);
                else
                    SuitInspectOutput.WriteText(Console.Out, path, envelope.Length, inspection);
                return inspection.Valid ? ExitCodes.Passed : ExitCodes.Failed;
            }
        });
        return command;
    }

    /// <summary>A PEM key file (a regular file of at most 64 KiB).</summary>
    internal static string ReadKey(string path) => System.Text.Encoding.UTF8.GetString(Read(path, 64 * 1024));

    /// <summary>A regular file of at most <see cref="SuitDraft.MaxEnvelopeBytes"/>; shared with <c>suit build</c>'s inputs.</summary>
    internal static byte[] Read(string path, long maxBytes = SuitDraft.MaxEnvelopeBytes)
    {
        try
        {
            return UntrustedFile.ReadAllBytes(path, maxBytes);
        }
        catch (UntrustedFileException e)
        {
            throw new SuitInputException(e.Message, e);
        }
    }
}
