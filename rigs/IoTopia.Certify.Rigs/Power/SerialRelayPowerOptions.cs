using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Rigs.Power;

/// <summary>A relay board on a serial port: the bytes that switch the DUT's supply on and off, as hex.</summary>
public sealed record SerialRelayPowerOptions : IValidatableArguments
{
    public required string Port { get; init; }
    public int Baud { get; init; } = 9600;
    public required string On { get; init; }
    public required string Off { get; init; }

    /// <summary>Deadline of opening the port and writing a sequence.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public IEnumerable<string> Validate()
    {
        foreach (var (key, text) in new[] { ("on", On), ("off", Off) })
        {
            string? problem = null;
            try
            {
                HexBytes.Parse(text, key);
            }
            catch (FormatException e)
            {
                problem = e.Message;
            }
            if (problem is not null)
                yield return problem;
        }
        if (Baud <= 0)
            yield return "baud: must be more than 0";
        if (Timeout <= TimeSpan.Zero)
            yield return "timeout: must be more than 0";
    }
}
