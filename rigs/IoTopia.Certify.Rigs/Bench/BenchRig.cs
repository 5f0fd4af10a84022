using System.Net;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Restore;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>
/// A real bench at run time. A missing serial port or capture interface fails the start at once, with
/// the path or name, so every scenario is <c>error</c> with that reason rather than a slow timeout.
/// </summary>
public sealed class BenchRig(RigDescription description, BenchDriversSection drivers) : RigRuntime(description)
{
    private SerialConsole? _console;
    private IPowerProtocol? _power;
    private IRestoreProtocol? _restore;
    private LiveCapture? _capture;
    private ManufacturerMud? _mud;

    public override T Driver<T>()
    {
        object? driver = typeof(T) switch
        {
            var t when t == typeof(IConsoleProtocol) => _console,
            var t when t == typeof(IPowerProtocol) => _power,
            var t when t == typeof(IRestoreProtocol) => _restore,
            var t when t == typeof(ICaptureProtocol) => _capture,
            var t when t == typeof(ManufacturerMud) => _mud,
            _ => null,
        };
        return driver as T ?? base.Driver<T>();
    }

    public override async Task StartAsync(RunContext run, CancellationToken ct)
    {
        if (drivers.Serial is { } serial)
            _console = SerialConsole.Open(run, new SerialConsoleOptions { Path = serial.Port, Baud = serial.Baud });
        _power = drivers.Power switch
        {
            { Kind: BenchDriversSection.PowerKind.Exec } p => new ExecPower(run, new ExecPowerOptions
            {
                On = p.On!,
                Off = p.Off!,
                Status = p.Status,
                StatusOn = p.StatusOn ?? @"(?i)\bon\b",
                StatusOff = p.StatusOff ?? @"(?i)\boff\b",
                Timeout = p.Timeout,
            }),
            { Kind: BenchDriversSection.PowerKind.SerialRelay } p => new SerialRelayPower(new SerialRelayPowerOptions
            {
                Port = p.Port!,
                Baud = p.Baud,
                On = p.On!,
                Off = p.Off!,
            }, run.Journal),
            _ => null,
        };
        _restore = drivers.Restore switch
        {
            { Kind: BenchDriversSection.RestoreKind.Command } r => new CommandRestore(r.Command!, r.Timeout),
            { Kind: BenchDriversSection.RestoreKind.Operator } r => new OperatorRestore(r.Instructions ?? "Restore the DUT to its factory state, then press Enter", r.Timeout),
            _ => null,
        };
        if (drivers.Capture is { } capture)
        {
            if (!Directory.Exists($"/sys/class/net/{capture.Interface}"))
                throw new InvalidOperationException($"no such network interface: {capture.Interface}");
            _capture = new LiveCapture(capture.Interface, new CaptureTarget(IPAddress.Parse(capture.DutAddress)));
        }
        if (drivers.Mud is { } mud)
        {
            _mud = new ManufacturerMud
            {
                MudFile = mud.File,
                Signature = mud.Signature,
                TrustAnchor = mud.TrustAnchor,
                Origin = $"the manufacturer's files named by {Description.File} (drivers.mud)",
            };
            await ManufacturerMudEvidence.CopyAsync(run, _mud, ct); // a missing file fails the start, naming it
        }
        run.RecordRig(null);
    }

    public override async Task ResetToBaselineAsync(AttemptContext attempt, CancellationToken ct)
    {
        if (_power is not null)
            await _power.OffAsync(ct);
        if (_restore is not null)
            await _restore.RestoreAsync(attempt, ct);
        if (_console is not null)
            SerialCursor.Begin(attempt, _console.Log);
        if (_power is not null)
            await _power.OnAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_console is not null)
            await _console.DisposeAsync();
        if (_power is IAsyncDisposable power)
            await power.DisposeAsync();
        await base.DisposeAsync();
    }
}
