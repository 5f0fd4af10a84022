using System.Diagnostics;
using System.Globalization;
using System.Text;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Power;

/// <summary>
/// The backend's status read after a switch, again and again until it reports the state switched to or its
/// <see cref="IPowerProtocol.StatusWithin"/> passes (a relay may take a moment). A backend that reports the other
/// state, or an answer matching neither pattern, until then is a rig that cannot be trusted: the lab's error.
/// </summary>
public sealed record PowerStateCheck(PowerState Expected, IReadOnlyList<(TimeSpan At, PowerReading Reading)> Readings, TimeSpan Within)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    public static async Task<PowerStateCheck> ConfirmAsync(IPowerProtocol power, PowerState expected, CancellationToken ct)
    {
        var readings = new List<(TimeSpan, PowerReading)>();
        var clock = Stopwatch.StartNew();
        var within = power.StatusWithin;
        while (true)
        {
            var reading = await power.ReadStateAsync(ct);
            readings.Add((clock.Elapsed, reading));
            if (reading.CannotRead is not null || reading.State == expected || clock.Elapsed >= within)
                return new PowerStateCheck(expected, readings, within);
            await Task.Delay(Interval, ct);
        }
    }

    /// <summary>Why the state was not checked (the backend cannot read it), or null.</summary>
    public string? NotChecked => Readings[^1].Reading.CannotRead;

    public bool Confirmed => Readings[^1].Reading.State == Expected;

    /// <summary>The backend read, and it never reported the expected state within its time.</summary>
    public bool Wrong => NotChecked is null && !Confirmed;

    private string ExpectedText => Name(Expected);

    /// <summary>One line for a step's reason or the journal.</summary>
    public string Summary
    {
        get
        {
            if (NotChecked is { } why)
                return $"state not checked: {why}";
            var last = Readings[^1].Reading;
            var said = last.Said is null ? "" : $": '{DeviceText.Clip(last.Said.Trim(), 200)}'";
            if (Confirmed)
                return $"the power status says {ExpectedText}{said}";
            var reported = last.State == PowerState.Unknown ? "neither on nor off (its answer matches neither status-on nor status-off)" : Name(last.State);
            return $"switched {ExpectedText}, but the power status still says {reported} after {Readings.Count} reading(s) in {Duration.Format(Within)}{said}";
        }
    }

    /// <summary>Every reading with its time and the backend's words: the evidence.</summary>
    public string Transcript()
    {
        var text = new StringBuilder($"expected: {ExpectedText} within {Duration.Format(Within)}\n");
        foreach (var (at, reading) in Readings)
        {
            text.Append(CultureInfo.InvariantCulture, $"+{at.TotalSeconds:0.000}s  reported {Name(reading.State)}");
            text.Append(reading.CannotRead is { } why ? $" (cannot read: {why})\n" : "\n");
            if (reading.Said is { } said)
                text.Append(said.EndsWith('\n') ? said : said + "\n");
        }
        return text.ToString();
    }

    private static string Name(PowerState state) => state switch
    {
        PowerState.On => "on",
        PowerState.Off => "off",
        _ => "unknown",
    };
}
