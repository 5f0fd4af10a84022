using System.CommandLine;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Mud;
using IoTopia.Certify.Mud.Draft;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>
/// <c>certify mud draft --pcap FILE (--device-mac MAC | --device-ip IP) [--mud-url URL] [--local-network CIDR]... [--out FILE]</c>:
/// writes a valid MUD file covering the device's observed traffic. 0 written, 3 bad input (truncated capture, bad arguments),
/// 4 nothing to draft (the device sent no packet), 2 the draft failed validation (a harness fault).
/// </summary>
public static class MudDraftCommand
{
    public static Command Create()
    {
        var pcap = new Option<string>("--pcap") { Description = "the capture (pcap or pcapng); a pipe, or - for standard input, is read as a stream" };
        var deviceOptions = DeviceOptions.Create();
        var url = new Option<string>("--mud-url") { Description = "the draft's mud-url (https); default: the URL the device emitted, else a placeholder" };
        var local = new Option<string[]>("--local-network") { Description = "a range drafted as local-networks, CIDR; repeatable (default: RFC 1918, link-local and unique-local ranges)" };
        var output = new Option<string>("--out") { Description = "write the MUD file here (default: standard output)" };
        var command = new Command("draft", "Draft a MUD file covering a device's captured traffic, for the manufacturer to narrow")
        {
            pcap, deviceOptions.Mac, deviceOptions.Ip, url, local, output,
        };
        command.SetAction(result =>
        {
            MudCheckRequest request;
            var mudUrl = result.GetValue(url);
            try
            {
                request = MudCheckRequest.From(null, result.GetValue(pcap), result.GetValue(deviceOptions.Mac), result.GetValue(deviceOptions.Ip),
                    result.GetValue(local) ?? [], [], [], needMud: false);
                if (mudUrl is not null && (!Uri.TryCreate(mudUrl, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps))
                    throw new MudInputException($"--mud-url {mudUrl}: MUD URLs must be absolute https URLs");
            }
            catch (MudInputException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            return Run(request, mudUrl, result.GetValue(output));
        });
        return command;
    }

    private static int Run(MudCheckRequest request, string? mudUrl, string? output)
    {
        if (output is not null && OutputProblem(output) is { } unusable)
        {
            Console.Error.WriteLine($"--out {output}: {unusable}");
            return ExitCodes.BadInput;
        }
        CaptureAnalysis capture;
        try
        {
            capture = MudCommandInputs.AnalyzeCapture(request.Pcap, request.Settings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Wire.Capture.CaptureFormatException)
        {
            Console.Error.WriteLine($"cannot read: {e.Message}");
            return ExitCodes.BadInput;
        }
        if (capture.Error is { } error)
        {
            Console.Error.WriteLine($"{error.Message}: not drafting from a partial capture");
            return ExitCodes.BadInput;
        }
        if (capture.DevicePacketsSent == 0)
        {
            Console.Error.WriteLine($"{request.Pcap}: the device ({request.Settings.Device}) sent no packet: nothing to draft");
            return ExitCodes.Inconclusive;
        }
        var draft = MudDrafter.Draft(capture, request.Settings, mudUrl, DateTimeOffset.UtcNow);
        var validation = MudValidator.Validate(output ?? "draft", draft.Json);
        if (!validation.IsValid)
        {
            Console.Error.WriteLine("the draft failed validation (a harness fault):");
            foreach (var problem in validation.Problems)
                Console.Error.WriteLine($"  {problem}");
            return ExitCodes.Error;
        }
        var log = output is null ? Console.Error : Console.Out;
        if (output is null)
        {
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(draft.Json);
        }
        else
        {
            try
            {
                File.WriteAllBytes(output, draft.Json);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"--out {output}: cannot write the draft ({e.Message})");
                return ExitCodes.BadInput;
            }
            log.WriteLine($"wrote {output}");
        }
        log.WriteLine($"{draft.AceCount} ACEs from {capture.JudgedFlows.Count()} flows; valid ({validation.WarningCount} warnings)");
        foreach (var note in draft.Notes)
            log.WriteLine($"note: {DeviceText.ForTerminal(note, 600)}");
        return ExitCodes.Passed;
    }

    private static string? OutputProblem(string output)
    {
        if (Directory.Exists(output))
            return "a directory; give a file name";
        var parent = Path.GetDirectoryName(Path.GetFullPath(output));
        return parent is not null && !Directory.Exists(parent) ? $"its folder {parent} does not exist" : null;
    }
}
