using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Power;

/// <summary>
/// Power by shell commands (<c>/bin/sh -c</c>), each under a deadline, its output in the journal; a
/// non-zero exit is an error naming the command. The state comes from the status command's output.
/// </summary>
[DriverBackend("power", "exec", "shell commands (/bin/sh -c) for any relay, PDU or lab supply with a command line")]
public sealed class ExecPower : IPowerProtocol, IDriverBackend<ExecPower, ExecPowerOptions>
{
    private readonly RunContext _run;
    private readonly ExecPowerOptions _options;
    private readonly System.Text.RegularExpressions.Regex _statusOn;
    private readonly System.Text.RegularExpressions.Regex _statusOff;

    public ExecPower(RunContext run, ExecPowerOptions options)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
            throw new ArgumentException("exec power: " + string.Join("; ", problems), nameof(options));
        _run = run;
        _options = options;
        _statusOn = SerialPatterns.Build(options.StatusOn);
        _statusOff = SerialPatterns.Build(options.StatusOff);
    }

    public static ExecPower Create(ExecPowerOptions options, BackendContext context) => new(context.Run, options);

    public static string Resource(ExecPowerOptions options) => $"on: {options.On}";

    public Task OnAsync(CancellationToken ct) => RunAsync("power on", _options.On, ct);

    public Task OffAsync(CancellationToken ct) => RunAsync("power off", _options.Off, ct);

    public async Task<PowerState> GetStateAsync(CancellationToken ct) => (await ReadStateAsync(ct)).State;

    public async Task<PowerReading> ReadStateAsync(CancellationToken ct)
    {
        if (_options.Status is null)
            return PowerReading.Unreadable("drivers.power gives no status command");
        var result = await Command("power status", _options.Status).RunCheckedAsync(_run.StartProcess, _run.Journal, null, ct);
        var on = _statusOn.IsMatch(result.Stdout);
        var off = _statusOff.IsMatch(result.Stdout);
        return new PowerReading(on == off ? PowerState.Unknown : on ? PowerState.On : PowerState.Off, result.Stdout);
    }

    public TimeSpan StatusWithin => _options.StatusWithin;

    private Task RunAsync(string label, string command, CancellationToken ct) =>
        Command(label, command).RunCheckedAsync(_run.StartProcess, _run.Journal, null, ct);

    private ShellCommand Command(string label, string command) => new(label, command, _options.Timeout);
}
