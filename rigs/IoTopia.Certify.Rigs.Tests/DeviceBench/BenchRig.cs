using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.DeviceBench;

/// <summary>A rig runtime for tests: whatever drivers the test hands it (registered as it hands them), and the baseline a real rig runs.</summary>
internal sealed class BenchRig(params string[] capabilities) : RigRuntime(new RigDescription
{
    Name = "test-bench",
    File = "(test)",
    Kind = "test",
    Capabilities = capabilities,
})
{
    private IConsoleProtocol? _console;
    private IPowerProtocol? _power;
    private IRestoreProtocol? _restore;

    public IConsoleProtocol? Console
    {
        get => _console;
        set => _console = Swap(_console, value);
    }

    public IPowerProtocol? Power
    {
        get => _power;
        set => _power = Swap(_power, value);
    }

    public IRestoreProtocol? Restore
    {
        get => _restore;
        set => _restore = Swap(_restore, value);
    }

    /// <summary>Power off → restore → the attempt's serial cursor → power on, as CONTRACTS.md's scenario isolation asks.</summary>
    public override async Task ResetToBaselineAsync(AttemptContext attempt, CancellationToken ct)
    {
        await Drivers.Get<IPowerProtocol>().OffAsync(ct);
        await Drivers.Get<IRestoreProtocol>().RestoreAsync(attempt, ct);
        if (Console is Rigs.Serial.SerialConsole console)
            console.BeginAttempt(attempt);
        await Drivers.Get<IPowerProtocol>().OnAsync(ct);
    }

    private T? Swap<T>(T? old, T? value) where T : class
    {
        if (old is not null)
            Drivers.Remove(old);
        if (value is not null)
            Drivers.Add(value, $"test {typeof(T).Name}");
        return value;
    }
}
