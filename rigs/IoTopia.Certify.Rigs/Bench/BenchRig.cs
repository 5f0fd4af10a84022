using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>
/// A real bench at run time: first its lab network (the DUT-facing interface, capture there, the lab services),
/// then the driver of each configured slot with its backend, in slot order, into the rig's driver registry. A
/// missing serial port or capture interface fails the start at once, with the path or name, so every scenario
/// is <c>error</c> with that reason rather than a slow timeout.
/// </summary>
public sealed class BenchRig(RigDescription description, BenchSettings settings, PhysicalAddress? dutMac = null) : RigRuntime(description)
{
    private readonly List<IAsyncDisposable> _owned = [];
    private BenchLab? _lab;

    public override async Task StartAsync(RunContext run, CancellationToken ct)
    {
        if (settings.Lab is { } network)
        {
            _lab = new BenchLab(network, dutMac, settings.Mud);
            _owned.Add(_lab);
            await _lab.StartAsync(run, Drivers, Resources, ct);
        }
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
            if (_lab?.ServesMud != true)
                await ManufacturerMudEvidence.CopyAsync(run, mud, ct); // a missing file fails the start, naming it (the lab MUD server copies them itself)
        }
        run.RecordRig(null, _lab is null ? null : new JsonObject { ["lab"] = _lab.Describe() });
    }

    public override async Task ResetToBaselineAsync(AttemptContext attempt, CancellationToken ct)
    {
        Drivers.TryGet<IPowerProtocol>(out var power);
        if (power is not null)
            await power.OffAsync(ct);
        _lab?.Reset(attempt, Drivers);
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
        {
            try
            {
                await _owned[i].DisposeAsync();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
            {
                // winding down must go on: the run's process reaping still kills what is left
            }
        }
        _owned.Clear();
        await base.DisposeAsync();
    }
}
