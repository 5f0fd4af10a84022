using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// The DUT's serial console for the whole run: a reader thread of its own appends every byte to the
/// <see cref="SerialLog"/> and to the run evidence as it arrives (see <see cref="TtyReader"/> for why not
/// through System.IO.Ports, which opens, configures and writes). When the port fails or vanishes (a USB
/// adapter at power-off, a pty torn down) it is reopened as soon as it is back, and the gap is journaled
/// and marked in the index.
/// </summary>
public sealed class SerialConsole : IConsoleProtocol, IAsyncDisposable
{
    private static readonly TimeSpan CloseDeadline = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    /// <summary>How long one wait for bytes lasts before the reader looks whether it should stop.</summary>
    private static readonly TimeSpan ReadWait = TimeSpan.FromMilliseconds(100);

    private readonly RunContext _run;
    private readonly SerialConsoleOptions _options;
    private readonly SerialLog _log;
    private readonly SerialEvidence _evidence;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<SerialGap> _gaps = [];
    private readonly TaskCompletionSource _readerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SerialConnection? _connection;
    private Task _watcher = Task.CompletedTask;
    private int _disposed;

    private SerialConsole(RunContext run, SerialConsoleOptions options, SerialConnection connection)
    {
        _run = run;
        _options = options;
        _log = new SerialLog(options.WindowBytes, options.ScanLimits);
        _evidence = new SerialEvidence(run, options.Name);
        _connection = connection;
    }

    /// <summary>Opens the port (failing at once, naming the path, when it is missing) and starts reading.</summary>
    public static SerialConsole Open(RunContext run, SerialConsoleOptions options)
    {
        var connection = SerialConnection.Open(options.Path, options.Baud, options.WriteTimeout);
        SerialConsole console;
        try
        {
            console = new SerialConsole(run, options, connection);
        }
        catch
        {
            connection.Reader.Dispose();
            connection.Port.Dispose();
            throw;
        }
        new Thread(console.ReadLoop) { IsBackground = true, Name = "serial reader" }.Start();
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
        var connection = CurrentConnection() ?? throw new IOException(
            $"serial port {Path} is gone ({Gaps.LastOrDefault()?.Reason ?? "not connected"}); reconnecting");
        await _writeGate.WaitAsync(ct);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct, connection.Lost.Token);
            deadline.CancelAfter(_options.WriteTimeout);
            await connection.Port.BaseStream.WriteAsync(bytes, deadline.Token).AsTask().WaitAsync(deadline.Token);
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

    private SerialConnection? CurrentConnection()
    {
        lock (_lock)
            return _connection;
    }

    private void ReadLoop()
    {
        try
        {
            var stop = _stop.Token;
            var buffer = new byte[64 * 1024];
            while (!stop.IsCancellationRequested)
            {
                if (CurrentConnection() is not { } connection)
                {
                    ReconnectAsync(stop).GetAwaiter().GetResult(); // this thread is the reader's own: waiting here blocks nobody
                    continue;
                }
                var problem = ReadUntilLost(connection, buffer, stop);
                if (!stop.IsCancellationRequested)
                    LoseAsync(connection, problem ?? "the port was closed").GetAwaiter().GetResult();
            }
        }
        catch (Exception e)
        {
            Note($"the reader of serial port {Path} stopped: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _readerDone.TrySetResult();
        }
    }

    private string? ReadUntilLost(SerialConnection connection, byte[] buffer, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && !connection.Lost.IsCancellationRequested)
        {
            try
            {
                var n = connection.Reader.Read(buffer, ReadWait);
                if (n > 0)
                    Receive(buffer.AsSpan(0, n));
            }
            catch (IOException e)
            {
                return e.Message;
            }
        }
        return null;
    }

    private async Task WatchLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.WatchInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (CurrentConnection() is { } connection && !SerialPorts.Exists(Path))
                    await LoseAsync(connection, "the port disappeared");
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

    private async Task LoseAsync(SerialConnection connection, string reason)
    {
        SerialGap gap;
        lock (_lock)
        {
            if (_connection != connection)
                return;
            _connection = null;
            gap = new SerialGap(_log.Length, DateTimeOffset.UtcNow, reason);
            _gaps.Add(gap);
        }
        await connection.Lost.CancelAsync(); // ends a read still waiting on the dead port and a write in progress
        connection.Reader.Dispose();
        _evidence.Gap("gap-start", gap.Offset, gap.LostAt, $"serial port {Path} lost: {reason}");
        Note($"serial port {Path} lost: {reason}; reconnecting until the run ends",
            new JsonObject { ["port"] = Path, ["offset"] = gap.Offset, ["lost-at"] = gap.LostAt, ["reason"] = reason });
        if (!await SerialPorts.CloseAsync(connection.Port, CloseDeadline))
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
            SerialConnection connection;
            try
            {
                connection = SerialConnection.Open(Path, _options.Baud, _options.WriteTimeout);
            }
            catch (IOException e)
            {
                lastProblem = e.Message;
                continue;
            }
            SerialGap gap;
            lock (_lock)
            {
                _connection = connection;
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
        SerialConnection? connection;
        lock (_lock)
        {
            connection = _connection;
            _connection = null;
        }
        if (connection is not null)
        {
            await connection.Lost.CancelAsync();
            connection.Reader.Dispose();
            if (!await SerialPorts.CloseAsync(connection.Port, CloseDeadline))
                Note($"closing serial port {Path} hung at the end of the run; it was abandoned");
        }
        try
        {
            await Task.WhenAll(_readerDone.Task, _watcher).WaitAsync(StopDeadline);
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
