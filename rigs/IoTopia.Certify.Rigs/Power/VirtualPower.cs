using System.Diagnostics;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Processes;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Power;

/// <summary>
/// Power for a device that is a process (the virtual rig): on starts it as a run-owned process (journaled,
/// reaped at the end), off is SIGKILL — what it had not written is lost, as at a power cut — and the
/// state is whether that process lives.
/// </summary>
public sealed class VirtualPower(RunContext run, Func<ProcessStartInfo> startInfo) : IPowerCutProtocol, IAsyncDisposable
{
    private const int StderrLines = 50;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<string> _stderr = new();
    private readonly Lock _lock = new();
    private OwnedProcess? _device;

    /// <summary>The device process while it is powered (or exited by itself and not yet powered off).</summary>
    public OwnedProcess? Device => _device;

    /// <summary>The last lines the device wrote to stderr, when the start info redirects it.</summary>
    public string RecentStderr
    {
        get
        {
            lock (_lock)
                return string.Join('\n', _stderr);
        }
    }

    public async Task OnAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_device is { HasExited: false })
                return;
            if (_device is not null)
                await _device.DisposeAsync(); // exited by itself: reap it before starting again
            lock (_lock)
                _stderr.Clear();
            var info = startInfo();
            _device = run.StartProcess(info);
            Drain(_device.Process, info);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task OffAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var device = _device;
            _device = null;
            if (device is not null)
                await device.DisposeAsync().AsTask().WaitAsync(ct); // SIGKILL, then reaped and journaled
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<PowerState> GetStateAsync(CancellationToken ct) =>
        Task.FromResult(_device is { HasExited: false } ? PowerState.On : PowerState.Off);

    private void Drain(Process process, ProcessStartInfo info)
    {
        if (info.RedirectStandardOutput)
        {
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
        }
        if (info.RedirectStandardError)
        {
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    return;
                lock (_lock)
                {
                    _stderr.Enqueue(e.Data.Length > 1000 ? e.Data[..1000] : e.Data);
                    while (_stderr.Count > StderrLines)
                        _stderr.Dequeue();
                }
            };
            process.BeginErrorReadLine();
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await OffAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // the run's process group still reaps it
        }
        _gate.Dispose();
    }
}
