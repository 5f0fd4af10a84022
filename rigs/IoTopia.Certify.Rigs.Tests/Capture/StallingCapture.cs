using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.Capture;

/// <summary>
/// A live capture with a tiny ring whose reader can be held at a packet: the kernel then has to drop what
/// does not fit, so loss accounting can be tested without racing the sender.
/// </summary>
internal sealed class StallingCapture(LiveCapture inner) : ICaptureProtocol, IDisposable
{
    public static readonly LiveCaptureOptions TinyRing = new() { Immediate = true, BufferBytes = 1024 * 1024 };

    private readonly ManualResetEventSlim _gate = new(true);

    public string? Unavailable => inner.Unavailable;
    public CaptureTarget Target => inner.Target;

    /// <summary>From now on the reader stops at the next packet until <see cref="Release"/>.</summary>
    public void Stall() => _gate.Reset();

    public void Release() => _gate.Set();

    public Task<ICaptureSession> StartAsync(EvidenceFile pcap, CaptureSettings settings, CancellationToken ct) =>
        inner.StartAsync(pcap, settings with
        {
            OnPacket = p =>
            {
                _gate.Wait(TimeSpan.FromSeconds(10));
                settings.OnPacket?.Invoke(p);
            },
        }, ct);

    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
    }
}
