using System.IO.Ports;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// The DUT's serial console for the whole run: a background reader appends every byte to the
/// <see cref="SerialLog"/> and to the run evidence as it arrives. When the port fails or vanishes (a USB
/// adapter at power-off, a pty torn down) it is reopened as soon as it is back, and the gap is journaled
/// and marked in the index.
/// </summary>
public sealed class SerialConsole : IConsoleProtocol, IAsyncDisposable
{
    private static readonly TimeSpan CloseDeadline = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    private readonly RunContext _run;
    private readonly SerialConsoleOptions _options;
    private readonly SerialLog _log;
    private readonly SerialEvidence _evidence;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<SerialGap> _gaps = [];
    private (SerialPort Port, CancellationTokenSource Lost)? _connection;
    private Task _reader = Task.CompletedTask;
    private Task _watcher = Task.CompletedTask;
    private int _disposed;

    private SerialConsole(RunContext run, SerialConsoleOptions options, SerialPort port)
    {
        _run = run;
        _options = options;
        _log = new SerialLog(options.WindowBytes, options.ScanLimits);
        _evidence = new SerialEvidence(run, options.Name);
        _connection = (port, new CancellationTokenSource());
    }

    /// <summary>Opens the port (failing at once, naming the path, when it is missing) and starts reading.</summary>
    public static SerialConsole Open(RunContext run, SerialConsoleOptions options)
    {
        var port = SerialPorts.Open(options.Path, options.Baud, options.WriteTimeout);
        SerialConsole console;
        try
        {
            console = new SerialConsole(run, options, port);
        }
        catch
        {
            port.Dispose();
            throw;
        }
        console._reader = Task.Run(console.ReadLoopAsync);
        console._watcher = Task.Run(console.WatchLoopAsync);
        return console;
    }

    public ISerialLog Log => _log;

    public string Path => _options.Path;

    public bool IsConnected
    {
        get
        {
            lock (_lock)
                return _connection is not null;
        }
    }

    public IReadOnlyList<SerialGap> Gaps
    {
        get
        {
            lock (_lock)
                return [.. _gaps];
        }
    }

    /// <summary>Run evidence path of the raw bytes, relative to the run folder.</summary>
    public string RawEvidencePath => _evidence.RawPath;

    /// <summary>Called by the rig at each attempt's baseline, before power-on: the attempt's serial steps scan from here.</summary>
    public long BeginAttempt(AttemptContext attempt) => SerialCursor.Begin(attempt, _log);

    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        var (port, lost) = CurrentConnection() ?? throw new IOException(
            $"serial port {Path} is gone ({Gaps.LastOrDefault()?.Reason ?? "not connected"}); reconnecting");
        await _writeGate.WaitAsync(ct);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct, lost.Token);
            deadline.CancelAfter(_options.WriteTimeout);
            await port.BaseStream.WriteAsync(bytes, deadline.Token).AsTask().WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"writing {bytes.Length} bytes to serial port {Path} did not finish within {_options.WriteTimeout.TotalSeconds:0.###} s, or the port was lost");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"writing {bytes.Length} bytes to serial port {Path} timed out: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            throw new IOException($"serial port {Path} was lost while writing: {e.Message}", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private (SerialPort Port, CancellationTokenSource Lost)? CurrentConnection()
    {
        lock (_lock)
            return _connection;
    }

    private async Task ReadLoopAsync()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            if (CurrentConnection() is not var (port, lost))
            {
                await ReconnectAsync(stop);
                continue;
            }
            // a fresh buffer per connection: a read abandoned on a dead port must not write into the next one's
            var buffer = new byte[64 * 1024];
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(stop, lost.Token);
            string? problem = null;
            while (problem is null && !reading.IsCancellationRequested)
            {
                try
                {
                    var n = await port.BaseStream.ReadAsync(buffer, reading.Token).AsTask().WaitAsync(reading.Token);
                    if (n == 0)
                        problem = "the port reported end of stream";
                    else
                        Receive(buffer.AsSpan(0, n));
                }
                catch (OperationCanceledException) when (reading.IsCancellationRequested)
                {
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException
                                              or UnauthorizedAccessException or OperationCanceledException)
                {
                    problem = e.Message;
                }
            }
            if (!stop.IsCancellationRequested)
                await LoseAsync(port, problem ?? "the port was closed");
        }
    }

    private async Task WatchLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.WatchInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (CurrentConnection() is var (port, _) && !SerialPorts.Exists(Path))
                    await LoseAsync(port, "the port disappeared");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Receive(ReadOnlySpan<byte> bytes)
    {
        var at = DateTimeOffset.UtcNow;
        var offset = _log.Append(bytes, at);
        _evidence.Received(offset, bytes, at);
    }

    private async Task LoseAsync(SerialPort port, string reason)
    {
        SerialGap gap;
        CancellationTokenSource lost;
        lock (_lock)
        {
            if (_connection is not var (current, currentLost) || current != port)
                return;
            _connection = null;
            lost = currentLost;
            gap = new SerialGap(_log.Length, DateTimeOffset.UtcNow, reason);
            _gaps.Add(gap);
        }
        await lost.CancelAsync(); // ends a read still waiting on the dead port
        _evidence.Gap("gap-start", gap.Offset, gap.LostAt, $"serial port {Path} lost: {reason}");
        Note($"serial port {Path} lost: {reason}; reconnecting until the run ends",
            new JsonObject { ["port"] = Path, ["offset"] = gap.Offset, ["lost-at"] = gap.LostAt, ["reason"] = reason });
        if (!await SerialPorts.CloseAsync(port, CloseDeadline))
            Note($"closing the lost serial port {Path} hung; it was abandoned");
    }

    private async Task ReconnectAsync(CancellationToken stop)
    {
        string? lastProblem = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ReconnectInterval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!SerialPorts.Exists(Path))
                continue;
            SerialPort port;
            try
            {
                port = SerialPorts.Open(Path, _options.Baud, _options.WriteTimeout);
            }
            catch (IOException e)
            {
                lastProblem = e.Message;
                continue;
            }
            SerialGap gap;
            lock (_lock)
            {
                _connection = (port, new CancellationTokenSource());
                gap = _gaps[^1] with { BackAt = DateTimeOffset.UtcNow };
                _gaps[^1] = gap;
            }
            var seconds = (gap.BackAt!.Value - gap.LostAt).TotalSeconds;
            _evidence.Gap("gap-end", _log.Length, gap.BackAt.Value, $"serial port {Path} back after {seconds:0.###} s");
            Note($"serial port {Path} back after {seconds:0.###} s; what the DUT printed meanwhile was not received",
                new JsonObject
                {
                    ["port"] = Path,
                    ["offset"] = gap.Offset,
                    ["lost-at"] = gap.LostAt,
                    ["back-at"] = gap.BackAt,
                    ["gap-ms"] = Math.Round(seconds * 1000),
                    ["last-problem"] = lastProblem,
                });
            return;
        }
    }

    private void Note(string text, JsonObject? data = null)
    {
        try
        {
            _run.Journal.Append(new Note { Text = text, Data = data });
        }
        catch (ObjectDisposedException)
        {
            // the run's journal already closed: the run is over
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stop.CancelAsync();
        (SerialPort Port, CancellationTokenSource Lost)? connection;
        lock (_lock)
        {
            connection = _connection;
            _connection = null;
        }
        if (connection is var (port, lost))
        {
            await lost.CancelAsync();
            if (!await SerialPorts.CloseAsync(port, CloseDeadline))
                Note($"closing serial port {Path} hung at the end of the run; it was abandoned");
        }
        try
        {
            await Task.WhenAll(_reader, _watcher).WaitAsync(StopDeadline);
        }
        catch (TimeoutException)
        {
            Note($"the reader of serial port {Path} did not stop within {StopDeadline.TotalSeconds} s");
        }
        _evidence.Dispose();
        _stop.Dispose();
        _writeGate.Dispose();
    }
}
