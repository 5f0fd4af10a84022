using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// What a capture saw of the DUT in one time window: its packets and flows, and the first packet of a
/// forbidden flow. Fed by the capture's reader; read by the step that waits on it.
/// </summary>
internal sealed class QuietWindow(FlowSpec forbidden, FlowIndex capture, DateTimeOffset start, DateTimeOffset end)
{
    private readonly FlowIndex _window = new(capture.Dut);
    private readonly TaskCompletionSource<(CapturedPacket Packet, FlowKey Flow)> _offence = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DateTimeOffset Start { get; } = start;
    public DateTimeOffset End { get; } = end;

    /// <summary>Completes at the first DUT packet in the window that belongs to the forbidden flow.</summary>
    public Task<(CapturedPacket Packet, FlowKey Flow)> Offence => _offence.Task;

    public long DutPackets => _window.Packets;

    public IReadOnlyList<Flow> Flows => _window.Flows();

    public void Observe(CapturedPacket packet, FlowKey? key)
    {
        if (key is not { } flow || packet.Time < Start || packet.Time > End)
            return;
        _window.Add(packet);
        if (!_offence.Task.IsCompleted && forbidden.Matches(flow, capture.Dut, capture.Resolve(forbidden)))
            _offence.TrySetResult((packet, flow));
    }

    /// <summary>The window's forbidden flows judged with every name binding the capture now knows (a late DNS answer too).</summary>
    public Flow? FirstForbiddenFlow()
    {
        var hosts = capture.Resolve(forbidden);
        return _window.Flows().FirstOrDefault(f => forbidden.Matches(f.Key, capture.Dut, hosts));
    }
}
