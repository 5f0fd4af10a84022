using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// What <c>serial.run</c> keeps: each command with its output (indented, control characters visible), the
/// prompt that ended it, its timing and exit status, then the raw serial bytes the commands span.
/// </summary>
public sealed class SerialRunTranscript(ISerialLog log, string prompt, string statusNote)
{
    private readonly StringBuilder _text = new();
    private long? _from;
    private long _to;

    /// <summary>How the exit status is read, or why it is not.</summary>
    public string StatusNote => statusNote;

    /// <summary>Records a command and returns its description for the step's details.</summary>
    public JsonObject Add(ShellRun run, CommandOutput output)
    {
        Append(run, output);
        return new JsonObject
        {
            ["command"] = DeviceText.Clip(SerialTextRenderer.Visible(run.Command), SerialOutcomes.MatchTextLimit),
            ["sent-at"] = run.SentAt,
            ["prompt"] = SerialOutcomes.Describe(run.Prompt, run.SentAt),
            ["elapsed-ms"] = Math.Round(run.Elapsed.TotalMilliseconds),
            ["echoed"] = output.Echoed,
            ["output-lines"] = output.Lines.Count,
            ["output"] = DeviceText.Clip(Joined(output.Lines), SerialOutcomes.MatchTextLimit),
            ["prompt-like-lines-passed"] = run.PassedOver,
            ["wakes"] = run.Wakes,
            ["sent-while-busy"] = run.SentWhileBusy,
        };
    }

    public void AddStatus(ShellRun run, CommandOutput output, int? status)
    {
        Append(run, output);
        _text.Append(status is { } s ? $"# exit status {s}\n" : "# exit status unreadable: no single line that is a whole number\n");
    }

    public void AddMissing(ShellPromptMissingException missing)
    {
        _from ??= missing.Sent;
        _to = log.Length;
        _text.Append("$ ").Append(SerialTextRenderer.Visible(missing.Command)).Append('\n');
        _text.Append("# ").Append(missing.Message).Append('\n');
    }

    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("# serial.run, prompt /").Append(SerialTextRenderer.Visible(prompt)).Append("/; exit status ").Append(statusNote).Append('\n');
        sb.Append(_text);
        sb.Append('\n');
        sb.Append(SerialWindow.Render(log, _from ?? log.Length, _from is null ? log.Length : _to));
        return sb.ToString();
    }

    private void Append(ShellRun run, CommandOutput output)
    {
        _from ??= run.Sent;
        _to = Math.Max(_to, run.Prompt.End);
        _text.Append("$ ").Append(SerialTextRenderer.Visible(run.Command)).Append('\n');
        foreach (var line in output.Lines)
            _text.Append("  ").Append(SerialTextRenderer.Visible(line)).Append('\n');
        _text.Append(CultureInfo.InvariantCulture,
            $"# sent {Stamp(run.SentAt)}; prompt '{SerialTextRenderer.Visible(run.Prompt.Text)}' at {Stamp(run.Prompt.At)} (+{run.Elapsed.TotalMilliseconds:0} ms); " +
            $"serial bytes {run.Sent}..{run.Prompt.End}; {output.Lines.Count} line(s); echo {(output.Echoed ? "seen" : "not seen")}");
        if (run.PassedOver > 0)
            _text.Append(CultureInfo.InvariantCulture, $"; {run.PassedOver} prompt-like line(s) followed by more output passed over");
        if (run.SentWhileBusy)
            _text.Append("; sent while the DUT was still printing (it never fell silent)");
        if (run.Wakes > 0)
            _text.Append(CultureInfo.InvariantCulture, $"; Enter pressed {run.Wakes} time(s) for a fresh prompt");
        _text.Append('\n');
    }

    /// <summary>The lines, each made visible, one per line.</summary>
    public static string Joined(IEnumerable<string> lines) => string.Join("\n", lines.Select(SerialTextRenderer.Visible));

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
