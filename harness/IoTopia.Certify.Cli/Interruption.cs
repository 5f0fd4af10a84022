using System.Runtime.InteropServices;

namespace IoTopia.Certify.Cli;

/// <summary>
/// Turns the first Ctrl-C or SIGTERM into a cancellation so the run cleans up and stays resumable;
/// a second Ctrl-C ends the process at once.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public Interruption()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                if (_cts.IsCancellationRequested)
                    return; // second signal: default handling ends the process
                context.Cancel = true;
                Console.Error.WriteLine($"{signal}: stopping after clean-up; `certify resume` continues the run (press Ctrl-C again to abort at once)");
                _cts.Cancel();
            }));
        }
    }

    public CancellationToken Token => _cts.Token;

    public void Dispose()
    {
        foreach (var r in _registrations)
            r.Dispose();
        _cts.Dispose();
    }
}
