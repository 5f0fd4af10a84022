using System.CommandLine;
using IoTopia.Certify.Mud;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>
/// <c>certify mud check --mud FILE --pcap FILE (--device-mac MAC | --device-ip IP) [--local-network CIDR]... [--controller URN=IP]... [--probe-ip IP] [--json]</c>:
/// 0 compliant, 1 violations, 4 inconclusive (no device packets, capture drops), 3 bad input (unreadable or invalid MUD file, truncated capture, bad arguments).
/// </summary>
public static class MudCheckCommand
{
    public static Command Create()
    {
        var mud = new Option<string>("--mud") { Description = "the MUD file (JSON)" };
        var pcap = new Option<string>("--pcap") { Description = "the capture (pcap or pcapng); a pipe, or - for standard input, is read as a stream" };
        var deviceOptions = DeviceOptions.Create();
        var local = new Option<string[]>("--local-network") { Description = "a range local-networks means, CIDR; repeatable (default: RFC 1918, link-local and unique-local ranges)" };
        var controller = new Option<string[]>("--controller") { Description = "URN=IP: a host of a controller class (my-controller: this file's MUD URL as the URN); repeatable" };
        var probe = new Option<string[]>("--probe-ip") { Description = "the harness's own probe address: its traffic is excluded; repeatable" };
        var json = new Option<bool>("--json") { Description = "print a machine-readable report" };
        var command = new Command("check", "Check a device's captured traffic against its MUD file")
        {
            mud, pcap, deviceOptions.Mac, deviceOptions.Ip, local, controller, probe, json,
        };
        command.SetAction(result =>
        {
            MudCheckRequest request;
            try
            {
                request = MudCheckRequest.From(result.GetValue(mud), result.GetValue(pcap), result.GetValue(deviceOptions.Mac), result.GetValue(deviceOptions.Ip),
                    result.GetValue(local) ?? [], result.GetValue(controller) ?? [], result.GetValue(probe) ?? []);
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

    private static int Run(MudCheckRequest request, bool json)
    {
        Mud.Model.MudValidationResult validation;
        CaptureAnalysis capture;
        try
        {
            validation = MudCommandInputs.Validate(request.Mud!);
            if (!validation.IsValid)
            {
                MudValidateOutput.WriteText(Console.Error, [validation], new MudValidateRequest([request.Mud!], null, null), null);
                Console.Error.WriteLine($"{request.Mud}: the MUD file is invalid; fix it before checking traffic against it");
                return ExitCodes.BadInput;
            }
            capture = MudCommandInputs.AnalyzeCapture(request.Pcap, request.Settings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Wire.Capture.CaptureFormatException)
        {
            Console.Error.WriteLine($"cannot read: {e.Message}");
            return ExitCodes.BadInput;
        }
        var report = FlowJudge.Judge(validation.Mud!, capture, request.Settings);
        // One flow a line, thousands of lines: written through a buffer, not a write per line.
        using (var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16))
        {
            if (json)
                MudCheckOutput.WriteJson(output, report, request);
            else
                MudCheckOutput.WriteText(output, report, request);
        }
        if (capture.Error is { } error)
            Console.Error.WriteLine(error.Message);
        return report.Verdict switch
        {
            CheckVerdict.Compliant => ExitCodes.Passed,
            CheckVerdict.Violations => ExitCodes.Failed,
            CheckVerdict.Inconclusive => ExitCodes.Inconclusive,
            _ => ExitCodes.BadInput,
        };
    }
}
