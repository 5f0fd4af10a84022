namespace IoTopia.Certify.Rigs.Bench;

/// <summary>The <c>drivers:</c> section of a bench rig file as written (kebab-case keys), bound with file:line errors.</summary>
public sealed class BenchDriversSection
{
    public SerialSection? Serial { get; init; }
    public PowerSection? Power { get; init; }
    public RestoreSection? Restore { get; init; }
    public CaptureSection? Capture { get; init; }
    public MudSection? Mud { get; init; }

    public sealed class SerialSection
    {
        /// <summary>Prefer /dev/serial/by-id/… : it survives re-plugging, unlike /dev/ttyUSB0.</summary>
        public required string Port { get; init; }
        public int Baud { get; init; } = 115200;
    }

    public sealed class PowerSection
    {
        public required PowerKind Kind { get; init; }
        public string? On { get; init; }
        public string? Off { get; init; }
        public string? Status { get; init; }
        public string? StatusOn { get; init; }
        public string? StatusOff { get; init; }
        public string? Port { get; init; }
        public int Baud { get; init; } = 9600;
        public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    }

    public enum PowerKind
    {
        Exec,
        SerialRelay,
    }

    public sealed class RestoreSection
    {
        public required RestoreKind Kind { get; init; }
        public string? Command { get; init; }
        public string? Instructions { get; init; }
        public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
    }

    public enum RestoreKind
    {
        Command,
        Operator,
    }

    public sealed class CaptureSection
    {
        public required string Interface { get; init; }
        public required string DutAddress { get; init; }
    }

    /// <summary>The manufacturer's MUD publication for the DUT (paths relative to the rig file): what the intent suite judges by.</summary>
    public sealed class MudSection
    {
        public required string File { get; init; }
        public string? Signature { get; init; }
        public required string TrustAnchor { get; init; }
    }
}
