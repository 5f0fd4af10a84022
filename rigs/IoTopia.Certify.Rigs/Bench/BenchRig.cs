using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>
/// A real bench at run time: builds the driver of each configured slot with its backend, in slot order,
/// into the rig's driver registry. A missing serial port or capture interface fails the start at once,
/// with the path or name, so every scenario is <c>error</c> with that reason rather than a slow timeout.
/// </summary>
public sealed class BenchRig(RigDescription description, BenchSettings settings) : RigRuntime(description)
{
    private readonly List<IAsyncDisposable> _owned = [];

    public override async Task StartAsync(RunContext run, CancellationToken ct)
    {
        var context = new BackendContext(run, Drivers, Path.GetDirectoryName(Path.GetFullPath(Description.File))!);
        foreach (var configured in settings.Drivers)
        {
            var driver = configured.Create(context);
            if (driver is IAsyncDisposable owned)
                _owned.Add(owned);
            var binding = configured.Binding;
            Drivers.Add(driver, binding.Name, binding.Resource);
        }
        if (settings.Mud is { } mud)
        {
            Resources.Set(mud);
            await ManufacturerMudEvidence.CopyAsync(run, mud, ct); // a missing file fails the start, naming it
        }
        run.RecordRig(null);
    }

    public override async Task ResetToBaselineAsync(AttemptContext attempt, CancellationToken ct)
    {
        Drivers.TryGet<IPowerProtocol>(out var power);
        if (power is not null)
            await power.OffAsync(ct);
        if (Drivers.TryGet<IRestoreProtocol>(out var restore))
            await restore.RestoreAsync(attempt, ct);
        if (Drivers.TryGet<IConsoleProtocol>(out var console))
            SerialCursor.Begin(attempt, console.Log);
        if (power is not null)
            await power.OnAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
            await _owned[i].DisposeAsync();
        _owned.Clear();
        await base.DisposeAsync();
    }
}
