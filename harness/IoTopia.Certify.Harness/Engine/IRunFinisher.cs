using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// What the command line does once results.json is written and before manifest.json seals the run (the reports):
/// whatever it appends to the journal — the browser it starts, a report that could not be written — is covered by
/// the manifest and its signature. It must not throw for a report it cannot write; the engine journals anything that
/// escapes and seals the run all the same.
/// </summary>
public interface IRunFinisher
{
    Task FinishAsync(RunOutcome outcome, Journal journal, CancellationToken ct);
}
