namespace IoTopia.Certify.Rigs.Power;

/// <summary>A relay board on a serial port: the bytes that switch the DUT's supply on and off, as hex.</summary>
public sealed record SerialRelayPowerOptions
{
    public required string Port { get; init; }
    public int Baud { get; init; } = 9600;
    public required string On { get; init; }
    public required string Off { get; init; }

    /// <summary>Deadline of opening the port and writing a sequence.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
