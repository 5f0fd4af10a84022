using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.DeviceBench;

/// <summary>A rig runtime for tests: whatever drivers the test hands it, and the baseline a real rig runs.</summary>
internal sealed class BenchRig(params string[] capabilities) : RigRuntime(new RigDescription
{
    Name = "test-bench",
    File = "(test)",
    Kind = "test",
    Capabilities = capabilities,
})
{
    public IConsoleProtocol? Console { get; set; }
    public IPowerProtocol? Power { get; set; }
    public IRestoreProtocol? Restore { get; set; }

    public override T Driver<T>() =>
        (typeof(T) == typeof(IConsoleProtocol) ? Console as T
            : typeof(T) == typeof(IPowerProtocol) ? Power as T
            : typeof(T) == typeof(IRestoreProtocol) ? Restore as T
            : null) ?? base.Driver<T>();

    /// <summary>Power off → restore → the attempt's serial cursor → power on, as CONTRACTS.md's scenario isolation asks.</summary>
    public override async Task ResetToBaselineAsync(AttemptContext attempt, CancellationToken ct)
    {
        await Driver<IPowerProtocol>().OffAsync(ct);
        await Driver<IRestoreProtocol>().RestoreAsync(attempt, ct);
        if (Console is Rigs.Serial.SerialConsole console)
            console.BeginAttempt(attempt);
        await Driver<IPowerProtocol>().OnAsync(ct);
    }
}
