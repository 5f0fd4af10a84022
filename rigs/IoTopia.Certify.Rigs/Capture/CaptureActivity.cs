using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// A capture running across the steps of one attempt: it owns the session, indexes the DUT's flows as
/// packets arrive, feeds the windows that <c>capture.expect</c> watches, and when stopped records the
/// final counts as late evidence of the step that started it and as a journal note.
/// </summary>
public sealed class CaptureActivity : BackgroundActivity
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan HealthInterval = TimeSpan.FromMilliseconds(250);

    private readonly StepContext _startedBy;
    private readonly TaskCompletionSource<CaptureStats> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private Action<CapturedPacket, FlowKey?>[] _watchers = [];
    private ICaptureSession? _session;
    private long _malformed;
    private int _stopped;

    public CaptureActivity(string name, string filter, CaptureTarget target, StepContext startedBy)
    {
        Name = name;
        Filter = filter;
        Target = target;
        Flows = new FlowIndex(target.Dut);
        _startedBy = startedBy;
    }

    public string Name { get; }
    public string Filter { get; }
    public CaptureTarget Target { get; }
    public FlowIndex Flows { get; }
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public CaptureStats Stats => _session?.Stats ?? new CaptureStats(0, 0, 0);

    /// <summary>Packets the decoder could not fully read (they are in the pcap all the same).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    public string? Failure => _session?.Failure;

    /// <summary>The pcap being written (full path), once started; complete after <see cref="Final"/>.</summary>
    public string? PcapPath { get; private set; }

    /// <summary>The pcap's path in the run folder, as its evidence record names it.</summary>
    public string? PcapEvidencePath { get; private set; }

    /// <summary>The counts when the capture stopped.</summary>
    public Task<CaptureStats> Final => _final.Task;

    /// <summary>Called by the capture's reader for each packet, in order.</summary>
    public void Observe(CapturedPacket packet)
    {
        if (packet.Malformed is not null)
            Interlocked.Increment(ref _malformed);
        var key = Flows.Add(packet);
        foreach (var watcher in Volatile.Read(ref _watchers))
            watcher(packet, key);
    }

    /// <summary>Sees every packet from now until disposed, after the flow index has taken it.</summary>
    public IDisposable Watch(Action<CapturedPacket, FlowKey?> watcher)
    {
        lock (_lock)
            _watchers = [.. _watchers, watcher];
        return new Unwatch(this, watcher);
    }

    internal void Attach(ICaptureSession session, EvidenceFile pcap)
    {
        _session = session;
        PcapPath = pcap.FullPath;
        PcapEvidencePath = pcap.RelativePath;
    }

    protected override async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(HealthInterval);
        while (await timer.WaitForNextTickAsync(ct))
        {
            if (Failure is { } failure)
                throw new InvalidOperationException(failure);
        }
    }

    protected override async ValueTask OnStoppedAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || _session is null)
            return;
        using var deadline = new CancellationTokenSource(StopDeadline);
        var stats = await _session.StopAsync(deadline.Token);
        try
        {
            var counts = Counts(stats);
            await _startedBy.WriteEvidenceAsync("json", "capture-counts", "application/json",
                Encoding.UTF8.GetBytes(counts.ToJsonString(new JsonSerializerOptions { WriteIndented = true })), $"{Name}-counts", CancellationToken.None);
            _startedBy.Log($"capture '{Name}' stopped: {stats.Delivered} packets, {stats.DutPackets} DUT packets, {stats.Dropped} dropped", counts);
        }
        finally
        {
            _final.TrySetResult(stats);
        }
    }

    private JsonObject Counts(CaptureStats stats) => new()
    {
        ["capture"] = Name,
        ["filter"] = Filter,
        ["dut"] = Target.Dut.ToString(),
        ["probe"] = Target.Probe?.ToString(),
        ["started"] = Started.ToString("O"),
        ["stopped"] = DateTimeOffset.UtcNow.ToString("O"),
        ["measurements"] = new JsonArray(CaptureMeasurements.Of(stats).Select(m => (JsonNode)new JsonObject
        {
            ["name"] = m.Name,
            ["value"] = JsonValue.Create(Convert.ToDouble(m.Value, System.Globalization.CultureInfo.InvariantCulture)),
            ["unit"] = m.Unit,
        }).ToArray()),
        ["malformed"] = Malformed,
        ["failure"] = Failure,
    };

    private void Remove(Action<CapturedPacket, FlowKey?> watcher)
    {
        lock (_lock)
            _watchers = [.. _watchers.Where(w => w != watcher)];
    }

    private sealed class Unwatch(CaptureActivity activity, Action<CapturedPacket, FlowKey?> watcher) : IDisposable
    {
        public void Dispose() => activity.Remove(watcher);
    }
}
