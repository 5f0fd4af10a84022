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
/// rig names, read as is — the step's details say which. Either way the URL the DUT announced is compared with
/// the file's mud-url and the statement's (<see cref="AnnouncedUrlCheck"/>). When there is no file to judge by, the
/// outcome to return.
/// </summary>
internal static class MudFileSource
{
    /// <param name="wire">the DUT's DHCP on the wire as the step already read it (its own ended capture), or null</param>
    public static async Task<MudFileLookup> GetAsync(StepContext context, MudUrlSource source, TimeSpan within, CancellationToken ct, ChannelLook? wire = null)
    {
        if (RigDrivers.Lab<ILabMud>(context) is not { } server)
            return await FromRigAsync(context, source, within, wire, ct);
        var emitted = await SourceUrl.WaitAsync(context, source, within, ct, wire);
        context.Details["source"] = ArgumentName(source);
        if (emitted.Url is null)
            return new(null, StepOutcome.Inconclusive($"the DUT emitted no MUD URL on its source channel {ArgumentName(source)} ({emitted.Note}): there is no MUD file to judge by (IOT-INT-01 judges the URL)"));
        context.Details["emittedUrl"] = DeviceText.Clip(emitted.Url.Url, 300);
        if (!Uri.TryCreate(emitted.Url.Url, UriKind.Absolute, out var url))
            return new(null, StepOutcome.Inconclusive($"the emitted MUD URL '{DeviceText.Clip(emitted.Url.Url, 200)}' is not an absolute URL: there is no MUD file to judge by"));
        var fetch = await LabMudFetch.GetAsync(context, url, server.TlsTrustRoots, LabMudServer.MaxFileBytes, ct);
        context.Details["fetch"] = fetch.ToJson();
        if (fetch.LabProblem is { } lab)
            return new(null, StepOutcome.Error(lab));
        if (!fetch.Ok)
        {
            var why = fetch.DeviceProblem ?? (fetch.Truncated ? $"larger than {LabMudServer.MaxFileBytes} bytes" : $"HTTP {fetch.Status}");
            var stop = StepOutcome.Inconclusive($"the MUD file at the emitted URL {DeviceText.Clip(url.ToString(), 200)} cannot be had ({why}): there is no MUD file to judge by (IOT-INT-02 judges its delivery)");
            // an https URL where the manufacturer's file is not published: the DUT points away from its manufacturer's file
            var elsewhere = fetch.DeviceProblem is null && !fetch.Truncated && server.MudUrl is { } published
                ? AnnouncedUrlCheck.Mismatch(context, emitted.Url.Url, published.ToString()) : null;
            return new(null, stop) { Mismatch = elsewhere is null ? null : $"{elsewhere}, where the lab MUD server publishes it ({why} at the announced URL)" };
        }
        var validation = MudValidator.Validate("mud-file.json", fetch.Body);
        return new(new CheckedMudFile(fetch.Body, ServedBy.Describe(server, fetch, "mud-file"), url, fetch, validation), null)
        {
            Mismatch = validation.Mud is { } mud ? AnnouncedUrlCheck.Mismatch(context, emitted.Url.Url, mud.MudUrl) : null,
        };
    }

    private static async Task<MudFileLookup> FromRigAsync(StepContext context, MudUrlSource source, TimeSpan within, ChannelLook? wire, CancellationToken ct)
    {
        if (RigDrivers.Resource<ManufacturerMud>(context) is not { } mud)
            return new(null, StepOutcome.Error($"rig '{context.Rig.Description.Name}' has neither a lab MUD server nor the manufacturer's MUD file (drivers.mud)"));
        byte[] bytes;
        try
        {
            bytes = await ManufacturerMudEvidence.ReadAsync(mud.MudFile, ct);
        }
        catch (IOException e)
        {
            return new(null, StepOutcome.Error(e.Message));
        }
        var validation = MudValidator.Validate(Path.GetFileName(mud.MudFile), bytes);
        var file = new CheckedMudFile(bytes, $"the manufacturer's MUD file named by the rig ({mud.Origin}), not fetched: this rig has no lab MUD server", null, null, validation);

        // the rig's file is the DUT's only if the DUT names it
        var emitted = await SourceUrl.WaitAsync(context, source, within, ct, wire);
        context.Details["source"] = ArgumentName(source);
        if (emitted.Url is null)
        {
            var why = emitted.Active ? $"the DUT announced no MUD URL on its source channel {ArgumentName(source)} (IOT-INT-01 judges that)"
                : $"the URL the DUT announces was not read ({emitted.Note})";
            context.Details["announcedUrl"] = null;
            return new(file, null) { Untied = $"{why}: the rig's MUD file cannot be tied to the DUT" };
        }
        return new(file, null) { Mismatch = AnnouncedUrlCheck.Mismatch(context, emitted.Url.Url, validation.Mud?.MudUrl) };
    }

    public static string ArgumentName(MudUrlSource source) => source == MudUrlSource.Dhcp ? "dhcp" : "certificate";
}
