using System.CommandLine;
using System.Security.Cryptography;
using IoTopia.Certify.Suit.Digests;
using IoTopia.Certify.Suit.Encoding;
using IoTopia.Certify.Suit.Signing;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>
/// <c>certify suit build PARAMS.json (--key PEM | --unsigned) --out FILE</c>: a SUIT envelope from a parameters file
/// (<see cref="SuitBuildRequest"/>), signed ES256 with the private key. 0 written, 3 bad parameters, key or output.
/// </summary>
public static class SuitBuildCommand
{
    public static Command Create()
    {
        var parameters = new Argument<string>("PARAMS") { Description = "the manifest's parameters (JSON; see README \"SUIT manifests\")" };
        var key = new Option<string>("--key") { Description = "PEM file of the P-256 private key to sign with" };
        var unsigned = new Option<bool>("--unsigned") { Description = "write the envelope with its digest only, no signature" };
        var output = new Option<string>("--out") { Description = "where to write the envelope", Required = true };
        var command = new Command("build", "Build a SUIT envelope from a parameters file and sign it") { parameters, key, unsigned, output };
        command.SetAction(result =>
        {
            var keyFile = result.GetValue(key);
            var isUnsigned = result.GetValue(unsigned);
            var outFile = result.GetValue(output)!;
            try
            {
                if ((keyFile is null) == !isUnsigned)
                    throw new SuitInputException("give --key PEM to sign, or --unsigned (one of them)");
                var manifest = SuitManifestEncoder.Encode(SuitBuildRequest.Read(result.GetValue(parameters)!));
                using var signer = keyFile is null ? null : SuitKeyFiles.PrivateFromPem(SuitInspectCommand.ReadKey(keyFile), keyFile);
                if (signer is not null && signer.KeySize != 256)
                    throw new SuitInputException($"{keyFile}: a {signer.KeySize}-bit key; ES256 signs with P-256");
                var envelope = SuitEnvelopeBuilder.Build(manifest, signer);
                File.WriteAllBytes(outFile, envelope);
                var digest = SuitDigests.Of(SuitEnvelopeBuilder.Wrap(manifest)).Bytes;
                Console.WriteLine($"{outFile}: {envelope.Length} bytes, manifest sha256 {Convert.ToHexStringLower(digest)}, {(signer is null ? "unsigned" : "signed ES256")}");
                return ExitCodes.Passed;
            }
            catch (Exception e) when (e is SuitInputException or SuitKeyException or IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
