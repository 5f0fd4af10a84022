using System.Diagnostics;
using SharpPcap;
using SharpPcap.LibPcap;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// One open capture: a reader thread takes each packet from libpcap, writes it to the pcap evidence at
/// once, decodes it and counts it. Only the reader touches the libpcap handle (its statistics too, which
/// it samples); others read the published counts. Stopping drains what the kernel already holds, within
/// a deadline, then closes the handle and the pcap.
/// </summary>
internal sealed class LiveCaptureSession : ICaptureSession
{
    private readonly LibPcapLiveDevice _device;
    private readonly EvidenceFile _pcap;
    private readonly PcapWriter _writer;
    private readonly CaptureSettings _settings;
    private readonly CaptureTarget _target;
    private readonly LiveCaptureOptions _options;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _delivered;
    private long _dut;
    private long _dropped;
    private long _kernelReceived;
    private long _malformed;
    private long _stopRequestedAt; // Stopwatch ticks; 0 = running
    private volatile bool _abandon;
    private volatile string? _failure;

    private LiveCaptureSession(LibPcapLiveDevice device, EvidenceFile pcap, CaptureSettings settings, CaptureTarget target, LiveCaptureOptions options)
    {
        _device = device;
        _pcap = pcap;
        _settings = settings;
        _target = target;
        _options = options;
        LinkType = PcapWriter.LinkTypeOf((int)device.LinkType);
        _writer = new PcapWriter(pcap, LinkType, options.SnapLength);
    }

    public uint LinkType { get; }

    public CaptureStats Stats => new(Interlocked.Read(ref _delivered), Interlocked.Read(ref _dropped), Interlocked.Read(ref _dut));

    /// <summary>Packets whose headers could not be fully decoded (written to the pcap all the same).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>What libpcap says it received: on lo each packet twice. For diagnostics only.</summary>
    public long KernelReceived => Interlocked.Read(ref _kernelReceived);

    public string? Failure => _failure;

    /// <summary>Takes an opened, filtered device; writes the pcap header and starts the reader.</summary>
    public static LiveCaptureSession Start(LibPcapLiveDevice device, EvidenceFile pcap, CaptureSettings settings, CaptureTarget target,
        LiveCaptureOptions options)
    {
        var session = new LiveCaptureSession(device, pcap, settings, target, options);
        var reader = new Thread(session.Read) { IsBackground = true, Name = $"capture {device.Name}" };
        reader.Start();
        return session;
    }

    public async Task<CaptureStats> StopAsync(CancellationToken ct)
    {
        Interlocked.CompareExchange(ref _stopRequestedAt, Stopwatch.GetTimestamp(), 0);
        try
        {
            await _ended.Task.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Out of time: the reader ends after its current read (one read timeout) and closes everything itself.
            _abandon = true;
        }
        return Stats;
    }

    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await StopAsync(deadline.Token);
    }

    private void Read()
    {
        var lastSample = Stopwatch.GetTimestamp();
        var stopAt = DateTimeOffset.MaxValue;
        try
        {
            while (!_abandon)
            {
                var readStarted = Stopwatch.GetTimestamp();
                var status = _device.GetNextPacket(out var capture);
                if (status == GetPacketStatus.PacketRead)
                {
                    var time = Handle(capture);
                    if (time > stopAt)
                        break; // everything captured before the stop request has been read
                }
                else if (status == GetPacketStatus.Error)
                {
                    _failure = $"capture on '{_device.Name}' failed: {_device.LastError}";
                    break;
                }

                var now = Stopwatch.GetTimestamp();
                if (Stopwatch.GetElapsedTime(lastSample, now) >= _options.StatsInterval)
                {
                    Sample();
                    lastSample = now;
                }
                var stopRequested = Interlocked.Read(ref _stopRequestedAt);
                if (stopRequested != 0)
                {
                    if (stopAt == DateTimeOffset.MaxValue)
                        stopAt = DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(stopRequested);
                    // Drain: a read begun after the request that found nothing means the kernel held nothing more
                    // (blocks retire within a read timeout); a busy link is cut after two read timeouts.
                    if ((status == GetPacketStatus.ReadTimeout && readStarted >= stopRequested)
                        || Stopwatch.GetElapsedTime(stopRequested) > 2 * _options.ReadTimeout + TimeSpan.FromMilliseconds(50))
                        break;
                }
            }
        }
        catch (Exception e)
        {
            _failure ??= $"capture on '{_device.Name}' failed: {e.Message}";
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Writes, decodes and counts one packet; returns its capture time.</summary>
    private DateTimeOffset Handle(PacketCapture capture)
    {
        var data = capture.Data;
        var header = capture.Header as PcapHeader;
        var timeval = capture.Header.Timeval;
        var micros = (uint)Math.Min(timeval.MicroSeconds, 999_999UL);
        var time = DateTimeOffset.UnixEpoch.AddTicks((long)timeval.Seconds * TimeSpan.TicksPerSecond + micros * 10L);
        var wireLength = header is null ? data.Length : (int)Math.Min(header.PacketLength, int.MaxValue);
        try
        {
            _writer.Write(timeval.Seconds, micros, data, wireLength);
        }
        catch (Exception e)
        {
            _failure = $"writing the pcap {_pcap.RelativePath} failed: {e.Message}";
            throw;
        }
        var packet = PacketDecoder.Decode(LinkType, data, time, wireLength, _target);
        Interlocked.Increment(ref _delivered);
        if (packet.IsDut)
            Interlocked.Increment(ref _dut);
        if (packet.Malformed is not null)
            Interlocked.Increment(ref _malformed);
        _settings.OnPacket?.Invoke(packet);
        return time;
    }

    private void Sample()
    {
        var stats = _device.Statistics;
        Interlocked.Exchange(ref _kernelReceived, stats.ReceivedPackets);
        // Drops are not doubled on lo (only the received count is): take them as libpcap gives them.
        Interlocked.Exchange(ref _dropped, (long)stats.DroppedPackets + stats.InterfaceDroppedPackets);
    }

    private void Close()
    {
        try
        {
            Sample();
        }
        catch (Exception e)
        {
            _failure ??= $"reading capture statistics on '{_device.Name}' failed: {e.Message}";
        }
        try
        {
            _device.Close();
        }
        finally
        {
            _pcap.Dispose();
            _ended.TrySetResult();
        }
    }
}
