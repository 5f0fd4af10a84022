using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// A rig while a run uses it: the drivers its kind built (by protocol), its resources, and the way back to
/// the baseline before each scenario (power off → restore → power on). Rig kinds subclass this.
/// </summary>
public abstract class RigRuntime : IAsyncDisposable
{
    protected RigRuntime(RigDescription description)
    {
        Description = description;
        Drivers = new DriverRegistry(description.Name);
    }

    public RigDescription Description { get; }

    /// <summary>The drivers this rig built, by protocol interface; filled by the rig kind as it starts.</summary>
    public DriverRegistry Drivers { get; }

    /// <summary>Facts and resources that are not drivers (address plan, manufacturer files, the DUT's network).</summary>
    public RigResources Resources { get; } = new();

    public bool Has(string capability) => Description.Capabilities.Contains(capability, StringComparer.Ordinal);

    public virtual Task StartAsync(RunContext run, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Brings the DUT to the rig's baseline. Throwing means restore failed: remaining scenarios are <c>error</c>.</summary>
    public virtual Task ResetToBaselineAsync(AttemptContext attempt, CancellationToken ct) => Task.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The runtime of an in-process rig: nothing to start, nothing to restore.</summary>
public sealed class InProcessRig(RigDescription description) : RigRuntime(description);
