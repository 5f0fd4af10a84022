using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Tests.Support;

/// <summary>Interrupts a run (as Ctrl-C does) when a given step of a given scenario starts.</summary>
public sealed class StopAtStep(string scenarioId, string stepName) : IRunObserver, IDisposable
{
    private readonly CancellationTokenSource _interrupt = new();

    public CancellationToken Interrupted => _interrupt.Token;

    public void OnEvent(JournalEvent e)
    {
        if (e is StepStarted s && s.ScenarioId == scenarioId && s.Name == stepName)
            _ = _interrupt.CancelAsync(); // not inline: the journal is appending
    }

    public void Dispose() => _interrupt.Dispose();
}
