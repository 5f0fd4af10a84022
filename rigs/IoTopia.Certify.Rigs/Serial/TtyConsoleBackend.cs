using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Rigs.Backends;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>The bench's serial console: a tty (USB adapter, on-board UART) read by <see cref="SerialConsole"/>. The default of <c>drivers.serial</c>.</summary>
[DriverBackend("serial", "tty", "a serial port (prefer /dev/serial/by-id/…: it survives re-plugging); a vanished adapter is reopened and the gap journaled")]
public sealed class TtyConsoleBackend : IDriverBackend<SerialConsole, TtyConsoleBackend.Options>
{
    public const string Kind = "tty";

    public sealed class Options : IValidatableArguments
    {
        public required string Port { get; init; }
        public int Baud { get; init; } = 115200;

        public IEnumerable<string> Validate()
        {
            if (!Port.StartsWith('/'))
                yield return $"port: '{Port}' is not an absolute device path such as /dev/serial/by-id/…";
            if (Baud <= 0)
                yield return "baud: must be more than 0";
        }
    }

    public static SerialConsole Create(Options options, BackendContext context) =>
        SerialConsole.Open(context.Run, new SerialConsoleOptions { Path = options.Port, Baud = options.Baud });

    public static string Resource(Options options) => $"{options.Port} at {options.Baud} baud";
}
