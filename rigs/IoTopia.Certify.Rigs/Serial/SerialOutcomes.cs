using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>What serial steps record: a match in the details, or the text scanned in vain as evidence.</summary>
public static class SerialOutcomes
{
    public const int MatchTextLimit = 1000;

    public static JsonObject Describe(SerialMatch match, DateTimeOffset waitedSince) => new()
    {
        ["text"] = DeviceText.Clip(SerialTextRenderer.Visible(match.Text), MatchTextLimit),
        ["at"] = match.At,
        ["start"] = match.Start,
        ["end"] = match.End,
        ["waited-ms"] = Math.Round(Math.Max(0, (match.At - waitedSince).TotalMilliseconds)),
    };

    /// <summary>"serial port P was lost during the wait (reason)" when the port was gone at some time since <paramref name="since"/>; else null.</summary>
    public static string? PortLost(IConsoleProtocol console, DateTimeOffset since)
    {
        if (console is not SerialConsole serial)
            return null;
        var gap = serial.Gaps.LastOrDefault(g => g.Overlaps(since, DateTimeOffset.UtcNow));
        return gap is not null || !serial.IsConnected ? $"serial port {serial.Path} was lost during the wait ({gap?.Reason ?? "not connected"})" : null;
    }

    /// <summary>
    /// The pattern was not seen: <c>fail</c> with the expectation, the tail of what came, and the scanned
    /// text as evidence — or <c>error</c> when the serial port was gone meanwhile (the lab's fault: output was lost).
    /// </summary>
    public static async Task<StepOutcome> NotSeenAsync(StepContext context, IConsoleProtocol console, string what, string pattern,
        long from, DateTimeOffset since, TimeSpan within, Func<string, string>? mask, CancellationToken ct)
    {
        var log = console.Log;
        var to = log.Length;
        await context.WriteEvidenceAsync("txt", "serial-window", SerialWindow.Render(log, from, to, mask: mask), "scanned", ct);
        context.Details["scanned-bytes"] = to - from;
        if (PortLost(console, since) is { } lost)
            return StepOutcome.Error($"{lost}: cannot tell whether the DUT printed {what}");
        var reason = to == from
            ? $"{what} not seen within {Duration.Format(within)}: no serial output at all since the cursor"
            : $"{what} not seen within {Duration.Format(within)} ({to - from} bytes of serial output scanned)";
        return StepOutcome.Fail(reason, $"/{pattern}/", SerialWindow.Tail(log, from, to, mask: mask));
    }
}
