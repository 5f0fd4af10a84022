using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.DutWeb;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>
/// A real bench at run time: first its lab network (the DUT-facing interface, capture there, the lab services),
/// then the driver of each configured slot with its backend, in slot order, into the rig's driver registry. A
/// missing serial port or capture interface fails the start at once, with the path or name, so every scenario
/// is <c>error</c> with that reason rather than a slow timeout.
/// </summary>
public class BenchRig(RigDescription description, BenchSettings settings, PhysicalAddress? dutMac = null) : RigRuntime(description)
{
    /// <summary>How long switching the DUT off at the end of the run, and confirming it, may take.</summary>
    public static readonly TimeSpan EndOfRunDeadline = TimeSpan.FromSeconds(60);

    private readonly List<IAsyncDisposable> _owned = [];
    private BenchLab? _lab;
    private RunContext? _run;

    public override async Task StartAsync(RunContext run, CancellationToken ct)
    {
        _run = run;
        var web = DutWebFacts.Of(Description.Dut);
        if (settings.Lab is { } network)
        {
            _lab = new BenchLab(network, dutMac, settings.Mud, web);
            _owned.Add(_lab);
            await _lab.StartAsync(run, Drivers, Resources, ct);
        }
        else if (settings.CaptureDutAddress is { } dut)
            Resources.Set<IDutNetwork>(new BenchDutAddress(dut, web));
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
        var details = _lab is null ? null : new JsonObject { ["lab"] = _lab.Describe() };
        run.RecordRig(RigOptions(), Describe(details));
    }

    /// <summary>The rig-kind options in effect (results.json <c>run.rig.options</c>), for a kind built on the bench.</summary>
    protected virtual JsonObject? RigOptions() => null;

    /// <summary>What the journal's rig record says besides the lab network, for a kind built on the bench.</summary>
    protected virtual JsonObject? Describe(JsonObject? details) => details;

    public override async Task ResetToBaselineAsync(AttemptContext attempt, CancellationToken ct)
    {
        Drivers.TryGet<IPowerProtocol>(out var power);
        if (power is not null)
        {
            await power.OffAsync(ct);
            await ConfirmAsync(power, PowerState.Off, ct);
        }
        _lab?.Reset(attempt, Drivers);
        if (Drivers.TryGet<IRestoreProtocol>(out var restore))
            await restore.RestoreAsync(attempt, ct);
        if (Drivers.TryGet<IConsoleProtocol>(out var console))
            SerialCursor.Begin(attempt, console.Log);
        if (power is not null)
        {
            await power.OnAsync(ct);
            await ConfirmAsync(power, PowerState.On, ct);
        }
    }

    /// <summary>A backend whose status contradicts the switch breaks the baseline: the remaining scenarios are error, with its words.</summary>
    private static async Task ConfirmAsync(IPowerProtocol power, PowerState expected, CancellationToken ct)
    {
        var check = await PowerStateCheck.ConfirmAsync(power, expected, ct);
        if (check.Wrong)
            throw new InvalidOperationException($"power {(expected == PowerState.On ? "on" : "off")}: {check.Summary}");
    }

    public override async ValueTask DisposeAsync()
    {
        await PowerAtEndAsync();
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

    /// <summary>
    /// When the run ends or is interrupted the DUT is switched off and the backend's status read until it says so,
    /// unless <c>drivers.power.at-end: leave</c>; either way the journal says what became of it. Not tied to the run's
    /// interruption: Ctrl-C must still leave the bench off.
    /// </summary>
    private async Task PowerAtEndAsync()
    {
        if (_run is null || !Drivers.TryGet<IPowerProtocol>(out var power))
            return;
        if (settings.PowerAtEnd == PowerAtEnd.Leave)
        {
            _run.Journal.Append(EndNote("left", "end of run: the DUT's power was left as the last scenario left it (drivers.power.at-end: leave)"));
            return;
        }
        using var deadline = new CancellationTokenSource(EndOfRunDeadline);
        try
        {
            await power.OffAsync(deadline.Token);
            var check = await PowerStateCheck.ConfirmAsync(power, PowerState.Off, deadline.Token);
            _run.Journal.Append(check.Wrong
                ? EndNote("unconfirmed", $"end of run: the DUT was switched off, but {check.Summary}", check.Transcript())
                : EndNote("off", $"end of run: the DUT was powered off ({check.Summary})", check.NotChecked is null ? check.Transcript() : null));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or OperationCanceledException or ShellCommandException
                                       or System.ComponentModel.Win32Exception or HttpRequestException)
        {
            _run.Journal.Append(EndNote("failed", $"end of run: the DUT could not be powered off: {e.Message}"));
        }
    }

    private static Note EndNote(string power, string text, string? status = null) => new()
    {
        Text = text,
        Data = new JsonObject { ["dutPowerAtEnd"] = power, ["status"] = status },
    };
}
