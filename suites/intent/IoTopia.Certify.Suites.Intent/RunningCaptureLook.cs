using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Capture;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// The capture channel while intent.mud-url waits: the running capture's pcap read as far as it is written, at
/// most every <see cref="Interval"/>. It has shown the DUT once the DUT sent DHCP or a MUD URL (DHCPv4, DHCPv6,
/// LLDP) there — not at its first packet: an ARP says nothing about its MUD URL.
/// </summary>
internal sealed class RunningCaptureLook(CaptureActivity activity)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private ChannelLook? _last;
    private DateTimeOffset _read = DateTimeOffset.MinValue;

    /// <summary>The capture started under <paramref name="name"/> in this attempt, or null (the capture's end reports its absence).</summary>
    public static RunningCaptureLook? Of(StepContext context, string? name) =>
        name is not null && context.Activities.Find<CaptureActivity>(name) is { } activity ? new RunningCaptureLook(activity) : null;

    public ChannelLook Look(DateTimeOffset now)
    {
        if (_last is not null && (now - _read < Interval || _last.Observed))
            return _last;
        _read = now;
        if (activity.PcapPath is not { } path || activity.PcapEvidencePath is not { } evidence)
            return _last = new ChannelLook(CaptureMudUrls.Channel, true, false, [], "the capture has no pcap yet");
        var look = CaptureMudUrls.ReadSoFar(path, evidence, $"capture '{activity.Name}'", activity.Target);
        return _last = look with { Observed = look.Urls.Count > 0 || look.SpokeDhcp };
    }
}
