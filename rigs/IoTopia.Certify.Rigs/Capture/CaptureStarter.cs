using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>Starts a capture as a background activity of the attempt, its pcap written as evidence of the step that starts it (capture.start, or a step that reads the wire itself).</summary>
public static class CaptureStarter
{
    /// <returns>the running capture, or why it could not start (the lab's problem)</returns>
    public static async Task<(CaptureActivity? Activity, string? Problem)> StartAsync(StepContext context, ICaptureProtocol capture, string name, string? filter, CancellationToken ct)
    {
        if (capture.Unavailable is { } why)
            return (null, why);
        if (context.Activities.Find<BackgroundActivity>(name) is not null)
            return (null, $"a background activity named '{name}' already runs in this attempt");
        var effective = string.IsNullOrWhiteSpace(filter) ? capture.Target.DefaultFilter : filter;
        var activity = new CaptureActivity(name, effective, capture.Target, context);
        var pcap = context.CreateEvidence("pcap", "capture", "application/vnd.tcpdump.pcap", name);
        ICaptureSession session;
        try
        {
            session = await capture.StartAsync(pcap, new CaptureSettings(effective, activity.Observe), ct);
        }
        catch (Exception e) when (e is CaptureUnavailableException or ArgumentException or SharpPcap.PcapException)
        {
            await pcap.DisposeAsync();
            return (null, e.Message);
        }
        activity.Attach(session, pcap);
        context.Activities.Start(name, activity);
        return (activity, null);
    }
}
