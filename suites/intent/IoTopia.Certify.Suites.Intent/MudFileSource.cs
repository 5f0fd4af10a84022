using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Mud.Validation;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// The MUD file IOT-INT-03 and IOT-INT-04 judge by. With a lab MUD server: the file at the URL the DUT emits
/// on its source channel, fetched through the lab. Without one (an offline bench): the manufacturer's file the
/// rig names, read as is — the step's details say which. When there is no file to judge by, the outcome to return.
/// </summary>
internal static class MudFileSource
{
    public static async Task<(CheckedMudFile? File, StepOutcome? Stop)> GetAsync(StepContext context, MudUrlSource source, TimeSpan within, CancellationToken ct)
    {
        if (RigDrivers.Lab<ILabMud>(context) is not { } server)
            return await FromRigAsync(context, ct);
        var emitted = await SourceUrl.WaitAsync(context, source, within, ct);
        context.Details["source"] = ArgumentName(source);
        if (emitted.Url is null)
            return (null, StepOutcome.Inconclusive($"the DUT emitted no MUD URL on its source channel {ArgumentName(source)} ({emitted.Note}): there is no MUD file to judge by (IOT-INT-01 judges the URL)"));
        context.Details["emittedUrl"] = DeviceText.Clip(emitted.Url.Url, 300);
        if (!Uri.TryCreate(emitted.Url.Url, UriKind.Absolute, out var url))
            return (null, StepOutcome.Inconclusive($"the emitted MUD URL '{DeviceText.Clip(emitted.Url.Url, 200)}' is not an absolute URL: there is no MUD file to judge by"));
        var fetch = await LabMudFetch.GetAsync(context, url, server.TlsTrustRoots, LabMudServer.MaxFileBytes, ct);
        context.Details["fetch"] = fetch.ToJson();
        if (fetch.LabProblem is { } lab)
            return (null, StepOutcome.Error(lab));
        if (!fetch.Ok)
        {
            var why = fetch.DeviceProblem ?? (fetch.Truncated ? $"larger than {LabMudServer.MaxFileBytes} bytes" : $"HTTP {fetch.Status}");
            return (null, StepOutcome.Inconclusive($"the MUD file at the emitted URL {DeviceText.Clip(url.ToString(), 200)} cannot be had ({why}): there is no MUD file to judge by (IOT-INT-02 judges its delivery)"));
        }
        var validation = MudValidator.Validate("mud-file.json", fetch.Body);
        return (new CheckedMudFile(fetch.Body, ServedBy.Describe(server, fetch, "mud-file"), url, fetch, validation), null);
    }

    private static async Task<(CheckedMudFile? File, StepOutcome? Stop)> FromRigAsync(StepContext context, CancellationToken ct)
    {
        if (RigDrivers.Resource<ManufacturerMud>(context) is not { } mud)
            return (null, StepOutcome.Error($"rig '{context.Rig.Description.Name}' has neither a lab MUD server nor the manufacturer's MUD file (drivers.mud)"));
        byte[] bytes;
        try
        {
            bytes = await ManufacturerMudEvidence.ReadAsync(mud.MudFile, ct);
        }
        catch (IOException e)
        {
            return (null, StepOutcome.Error(e.Message));
        }
        var validation = MudValidator.Validate(Path.GetFileName(mud.MudFile), bytes);
        return (new CheckedMudFile(bytes, $"the manufacturer's MUD file named by the rig ({mud.Origin}), not fetched: this rig has no lab MUD server", null, null, validation), null);
    }

    public static string ArgumentName(MudUrlSource source) => source == MudUrlSource.Dhcp ? "dhcp" : "certificate";
}
