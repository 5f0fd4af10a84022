using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Power;

/// <summary>
/// Power through a relay board driven over its own serial port: each switch opens the port, writes the
/// configured bytes and closes it. The board does not answer, so the state is the last one commanded.
/// </summary>
[DriverBackend("power", "serial-relay", "a relay board that takes bytes (hex in the rig file) on its own serial port")]
public sealed class SerialRelayPower : IPowerProtocol, IDriverBackend<SerialRelayPower, SerialRelayPowerOptions>
{
    private readonly SerialRelayPowerOptions _options;
    private readonly Journal? _journal;
    private readonly byte[] _on;
    private readonly byte[] _off;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PowerState _state = PowerState.Unknown;

    public SerialRelayPower(SerialRelayPowerOptions options, Journal? journal = null)
    {
        _options = options;
        _journal = journal;
        _on = HexBytes.Parse(options.On, "serial relay on");
        _off = HexBytes.Parse(options.Off, "serial relay off");
    }

    public static SerialRelayPower Create(SerialRelayPowerOptions options, BackendContext context) => new(options, context.Run.Journal);

    public static string Resource(SerialRelayPowerOptions options) => options.Port;

    public Task OnAsync(CancellationToken ct) => SwitchAsync(PowerState.On, _on, ct);

    public Task OffAsync(CancellationToken ct) => SwitchAsync(PowerState.Off, _off, ct);

    public Task<PowerState> GetStateAsync(CancellationToken ct) => Task.FromResult(_state);

    public Task<PowerReading> ReadStateAsync(CancellationToken ct) =>
        Task.FromResult(PowerReading.Unreadable("a serial relay board does not answer: its state is only the last one commanded"));

    private async Task SwitchAsync(PowerState state, byte[] bytes, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _state = PowerState.Unknown; // until the bytes are out
            var port = SerialPorts.Open(_options.Port, _options.Baud, _options.Timeout);
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(_options.Timeout);
                await port.BaseStream.WriteAsync(bytes, deadline.Token).AsTask().WaitAsync(deadline.Token);
                await port.BaseStream.FlushAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"writing to the relay on serial port {_options.Port} did not finish within {_options.Timeout.TotalSeconds:0.###} s");
            }
            finally
            {
                await SerialPorts.CloseAsync(port, _options.Timeout);
            }
            _state = state;
            _journal?.Append(new Note
            {
                Text = $"power {(state == PowerState.On ? "on" : "off")}: relay bytes written to {_options.Port}",
                Data = new JsonObject { ["port"] = _options.Port, ["bytes"] = HexBytes.Format(bytes) },
            });
        }
        finally
        {
            _gate.Release();
        }
    }
}
