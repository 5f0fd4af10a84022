using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// What one command printed on the DUT's shell: the bytes between sending it and the prompt that followed,
/// decoded leniently and split into lines (CR LF or LF; a line's trailing CR dropped). The first line is left
/// out when it is the shell echoing the command (compared without terminal escape sequences). Checks are on
/// whole lines, so an expected word inside another line (an error message quoting the command) never counts.
/// </summary>
public sealed partial class CommandOutput
{
    private static readonly Encoding Lenient = new UTF8Encoding(false, throwOnInvalidBytes: false);

    private CommandOutput(IReadOnlyList<string> lines, bool echoed)
    {
        Lines = lines;
        Echoed = echoed;
    }

    public IReadOnlyList<string> Lines { get; }

    /// <summary>The shell echoed the command (that line is not part of <see cref="Lines"/>).</summary>
    public bool Echoed { get; }

    public static CommandOutput Of(string command, ReadOnlySpan<byte> bytes)
    {
        var lines = Lenient.GetString(bytes).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1); // the line break before the prompt ends the last line; it starts none
        var echoed = lines.Count > 0 && Escapes().Replace(lines[0], "").TrimEnd() == command.TrimEnd();
        if (echoed)
            lines.RemoveAt(0);
        return new CommandOutput(lines, echoed);
    }

    /// <summary>A line of the output is exactly <paramref name="line"/>.</summary>
    public bool HasLine(string line) => Lines.Contains(line, StringComparer.Ordinal);

    /// <summary>A line of the output matches <paramref name="wholeLine"/> from its first character to its last (see <see cref="WholeLine"/>).</summary>
    public bool HasMatchingLine(Regex wholeLine) => Lines.Any(wholeLine.IsMatch);

    /// <summary>A pattern anchored to a whole line: <c>ok</c> matches the line "ok", never "smoke-marker" or "ok (not committed)".</summary>
    public static Regex WholeLine(string pattern) => SerialPatterns.Build($"^(?:{pattern})\\z");

    /// <summary>The one line that is a whole number (what <c>echo $?</c> prints), or null when there is none or more than one.</summary>
    public int? ExitStatus()
    {
        var numbers = Lines.Select(l => int.TryParse(l.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null)
            .OfType<int>().ToList();
        return numbers.Count == 1 ? numbers[0] : null;
    }

    /// <summary>ANSI/VT100 escape sequences (CSI, OSC, two-character), which a line editor mixes into the echo.</summary>
    [GeneratedRegex(@"\x1B(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(\x07|\x1B\\)|[@-Z\\-_])", RegexOptions.NonBacktracking)]
    private static partial Regex Escapes();
}
