using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// The attempt's position in the serial log (<c>AttemptContext.Items["serial.cursor"]</c>): serial steps
/// scan forward from it and move it past what they matched. The rig sets it at the baseline, before power-on.
/// </summary>
public static class SerialCursor
{
    public const string Key = "serial.cursor";

    /// <summary>Where the attempt's baseline began (<c>Items["serial.attempt-start"]</c>): steps never look back before it.</summary>
    public const string StartKey = "serial.attempt-start";

    public static long Begin(AttemptContext attempt, ISerialLog log)
    {
        var at = log.Length;
        attempt.Items[Key] = at;
        attempt.Items[StartKey] = at;
        return at;
    }

    /// <summary>Where the attempt's baseline began; null for an attempt without one (a scenario that continues another).</summary>
    public static long? Start(AttemptContext attempt) => attempt.Items.TryGetValue(StartKey, out var at) ? (long)at : null;

    /// <summary>The cursor; an attempt without one (a scenario that continues another) starts at what has arrived so far.</summary>
    public static long Get(AttemptContext attempt, ISerialLog log) => (long)attempt.Items.GetOrAdd(Key, _ => log.Length);

    /// <summary>Moves the cursor forward to <paramref name="offset"/>; never back.</summary>
    public static void Advance(AttemptContext attempt, long offset) =>
        attempt.Items.AddOrUpdate(Key, offset, (_, old) => Math.Max((long)old, offset));
}
