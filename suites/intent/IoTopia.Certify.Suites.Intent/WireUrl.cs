using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// The DUT's DHCP on the wire, for a step on a bench without the lab's DHCP: the step captures (its pcap is its
/// evidence) until the DUT sent DHCP or a MUD URL (DHCPv4, DHCPv6, LLDP) or <c>within</c> ends, then reads the pcap.
/// A DUT that is not answered resends its DHCP, so one started after power-on is seen.
/// </summary>
internal static class WireUrl
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<ChannelLook> WaitAsync(StepContext context, ICaptureProtocol capture, TimeSpan within, CancellationToken ct)
    {
        var name = $"mud-url-{context.Seq}";
        var (activity, problem) = await CaptureStarter.StartAsync(context, capture, name, null, ct);
        if (activity is null)
            return ChannelLook.Unavailable(CaptureMudUrls.Channel, $"the capture could not start: {problem}");
        var running = new RunningCaptureLook(activity);
        var deadline = DateTimeOffset.UtcNow + within;
        while (DateTimeOffset.UtcNow < deadline && !running.Look(DateTimeOffset.UtcNow).Observed)
            await Task.Delay(Poll, ct);
        var (ended, endProblem) = await CaptureWindow.EndAsync(context, name, ct);
        if (ended is null)
            return ChannelLook.Unavailable(CaptureMudUrls.Channel, endProblem!);
        context.Details["urlPcap"] = ended.PcapEvidencePath;
        return CaptureMudUrls.Read(ended);
    }
}
