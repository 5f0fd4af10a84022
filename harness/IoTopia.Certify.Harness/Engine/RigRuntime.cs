using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// A rig while a run uses it: its drivers by interface, and the way back to the baseline before each
/// scenario (power off → restore → power on). Rig kinds subclass this.
/// </summary>
public abstract class RigRuntime : IAsyncDisposable
{
    protected RigRuntime(RigDescription description) => Description = description;

    public RigDescription Description { get; }

    public bool Has(string capability) => Description.Capabilities.Contains(capability, StringComparer.Ordinal);

    /// <summary>The driver that implements <typeparamref name="T"/>, or an error naming the missing capability.</summary>
    public virtual T Driver<T>() where T : class =>
        throw new InvalidOperationException($"rig '{Description.Name}' has no driver for {typeof(T).Name}");

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
