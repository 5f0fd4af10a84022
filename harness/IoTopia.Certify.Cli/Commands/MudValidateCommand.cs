using System.CommandLine;
using IoTopia.Certify.Mud;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Signature;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>
/// <c>certify mud validate FILE... [--signature P7S --trust-anchor PEM [--device-cert CERT]] [--ignore-time | --at TIME] [--json]</c>:
/// 0 valid (warnings allowed), 1 invalid or bad signature, 3 unreadable file or bad arguments.
/// </summary>
public static class MudValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "MUD files (JSON)", Arity = ArgumentArity.OneOrMore };
        var signature = new Option<string>("--signature") { Description = "detached CMS signature (DER .p7s) of the one FILE" };
        var anchors = new Option<string[]>("--trust-anchor") { Description = "PEM file of the manufacturer's trust anchor(s); repeatable" };
        var device = new Option<string>("--device-cert") { Description = "the device certificate (PEM or DER): its id-pe-mudsigner, if any, must name the signer" };
        var ignoreTime = new Option<bool>("--ignore-time") { Description = "waive certificate validity periods (reported as waived)" };
        var at = new Option<string>("--at") { Description = "judge certificate validity as of this time (ISO 8601, e.g. 2018-12-01T00:00:00Z)" };
        var json = new Option<bool>("--json") { Description = "print a machine-readable report" };
        var command = new Command("validate", "Validate MUD files (RFC 8520) and optionally their signature") { files, signature, anchors, device, ignoreTime, at, json };
        command.SetAction(result =>
        {
            MudValidateRequest request;
            try
            {
                request = MudValidateRequest.From(
                    result.GetValue(files) ?? [], result.GetValue(signature), result.GetValue(anchors) ?? [],
                    result.GetValue(device), result.GetValue(ignoreTime), result.GetValue(at));
            }
            catch (MudInputException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            return Run(request, result.GetValue(json));
        });
        return command;
    }

    private static int Run(MudValidateRequest request, bool json)
    {
        var badInput = false;
        var results = new List<MudValidationResult>();
        foreach (var file in request.Files)
        {
            try
            {
                results.Add(MudCommandInputs.Validate(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{file}: cannot read ({e.Message})");
                badInput = true;
            }
        }
        MudSignatureReport? signature = null;
        if (request.Signature is { } p7s && !badInput)
        {
            try
            {
                signature = MudSignatureVerifier.Verify(MudCommandInputs.ReadBytes(request.Files[0]), MudCommandInputs.ReadSignature(p7s), request.SignatureOptions!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{p7s}: cannot read ({e.Message})");
                badInput = true;
            }
        }
        if (json)
            MudValidateOutput.WriteJson(Console.Out, results, request, signature);
        else
            MudValidateOutput.WriteText(Console.Out, results, request, signature);
        if (badInput)
            return ExitCodes.BadInput;
        return results.All(r => r.IsValid) && signature is not { Valid: false } ? ExitCodes.Passed : ExitCodes.Failed;
    }
}
