using System.Diagnostics;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Protocols;
using SharpPcap;
using SharpPcap.LibPcap;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// One open capture: a reader thread takes each packet from libpcap, writes it to the pcap evidence at
/// once, decodes it and counts it. Only the reader touches the libpcap handle; others read the published
/// counts. Losses are worked out at checkpoints (<see cref="LossLedger"/>). Stopping takes a last
/// checkpoint and reads on until everything captured before it is in the pcap — within the caller's
/// deadline — then closes the handle and the pcap.
/// </summary>
internal sealed class LiveCaptureSession : ICaptureSession
{
    private static readonly TimeSpan ReorderMargin = TimeSpan.FromMilliseconds(10);

    private readonly PolledLiveDevice _device;
    private readonly EvidenceFile _pcap;
    private readonly PcapWriter _writer;
    private readonly CaptureSettings _settings;
    private readonly CaptureTarget _target;
    private readonly LiveCaptureOptions _options;
    private readonly LossLedger _losses;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _delivered;
    private long _dut;
    private long _kernelReceived;
    private long _malformed;
    private volatile bool _stopRequested;
    private volatile bool _abandon;
    private volatile string? _failure;

    private LiveCaptureSession(PolledLiveDevice device, EvidenceFile pcap, CaptureSettings settings, CaptureTarget target, LiveCaptureOptions options)
    {
        _device = device;
        _pcap = pcap;
        _settings = settings;
        _target = target;
        _options = options;
        LinkType = PcapWriter.LinkTypeOf((int)device.LinkType);
        _writer = new PcapWriter(pcap, LinkType, options.SnapLength);
        // In block mode a partly filled block reaches us only when its timer (the read timeout) retires it.
        var quietAfter = options.Immediate ? TimeSpan.Zero : options.ReadTimeout + ReorderMargin;
        _losses = new LossLedger(device.Loopback ? 2 : 1, ReorderMargin, quietAfter);
    }

    public uint LinkType { get; }

    private string Abandoned =>
        $"the capture on '{_device.Name}' was stopped before its reader caught up: packets still queued in the kernel are not in the pcap";

    public CaptureStats Stats
    {
        get
        {
            var losses = _losses.Latest;
            return new CaptureStats(Interlocked.Read(ref _delivered), losses?.Lost ?? 0, Interlocked.Read(ref _dut)) { DroppedUntil = losses?.Until };
        }
    }

    /// <summary>Packets whose headers could not be fully decoded (written to the pcap all the same).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>What libpcap says it received: on lo each packet twice. For diagnostics only.</summary>
    public long KernelReceived => Interlocked.Read(ref _kernelReceived);

    public string? Failure => _failure;

    /// <summary>Takes an opened, filtered device; writes the pcap header and starts the reader.</summary>
    public static LiveCaptureSession Start(PolledLiveDevice device, EvidenceFile pcap, CaptureSettings settings, CaptureTarget target,
        LiveCaptureOptions options)
    {
        var session = new LiveCaptureSession(device, pcap, settings, target, options);
        var reader = new Thread(session.Read) { IsBackground = true, Name = $"capture {device.Name}" };
        reader.Start();
        return session;
    }

    public async Task<CaptureStats> StopAsync(CancellationToken ct)
    {
        _stopRequested = true;
        try
        {
            await _ended.Task.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Out of time: the reader ends after its current read (half a read timeout) and closes everything itself.
            _failure ??= Abandoned;
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
        var lastCheckpoint = Stopwatch.GetTimestamp();
        var stopping = false;
        try
        {
            while (true)
            {
                if (_abandon)
                    break;
                if (_stopRequested && !stopping)
                {
                    stopping = true;
                    Checkpoint(); // the last one: read on until everything captured before it is in the pcap
                }

                var settled = false;
                if (!_device.WaitForData(_options.ReadTimeout / 2))
                {
                    settled = _losses.OnQuiet(DateTimeOffset.UtcNow, Interlocked.Read(ref _delivered));
                }
                else
                {
                    // An empty read here is no quiet link: libpcap skips lo's outgoing copies and calls that a timeout.
                    var status = _device.GetNextPacket(out var capture);
                    if (status == GetPacketStatus.PacketRead)
                    {
                        settled = _losses.OnPacket(Handle(capture), Interlocked.Read(ref _delivered));
                    }
                    else if (status == GetPacketStatus.Error)
                    {
                        _failure = $"capture on '{_device.Name}' failed: {_device.LastError}";
                        break;
                    }
                }

                if (stopping && settled)
                    break;
                if (!stopping && !_losses.Pending && Stopwatch.GetElapsedTime(lastCheckpoint) >= _options.CheckpointInterval)
                {
                    Checkpoint();
                    lastCheckpoint = Stopwatch.GetTimestamp();
                }
            }
        }
        catch (Exception e)
        {
            _failure ??= $"capture on '{_device.Name}' failed: {e.Message}";
        }
        finally
        {
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

    private void Checkpoint()
    {
        var at = DateTimeOffset.UtcNow;
        var stats = _device.Statistics;
        Interlocked.Exchange(ref _kernelReceived, stats.ReceivedPackets);
        _losses.Take(at, stats.ReceivedPackets, stats.DroppedPackets, stats.InterfaceDroppedPackets);
    }

    /// <summary>Writes, decodes and counts one packet; returns its capture time.</summary>
    private DateTimeOffset Handle(PacketCapture capture)
    {
        var data = capture.Data;
        var timeval = capture.Header.Timeval;
        var micros = (uint)Math.Min(timeval.MicroSeconds, 999_999UL);
        var time = DateTimeOffset.UnixEpoch.AddTicks((long)timeval.Seconds * TimeSpan.TicksPerSecond + micros * 10L);
        var wireLength = capture.Header is PcapHeader header ? (int)Math.Min(header.PacketLength, int.MaxValue) : data.Length;
        try
        {
            _writer.Write(timeval.Seconds, micros, data, wireLength);
        }
        catch (Exception e)
        {
            _failure = $"writing the pcap {_pcap.RelativePath} failed: {e.Message}";
            throw;
        }
        var packet = CapturedPacketReader.Read(LinkType, data, time, wireLength, _target);
        Interlocked.Increment(ref _delivered);
        if (packet.IsDut)
            Interlocked.Increment(ref _dut);
        if (packet.Malformed is not null)
            Interlocked.Increment(ref _malformed);
        _settings.OnPacket?.Invoke(packet);
        return time;
    }
}
