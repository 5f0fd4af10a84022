using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>Patterns over serial text: built without backtracking, so device data cannot make a match slow.</summary>
public static class SerialPatterns
{
    /// <summary>
    /// Longest pattern a suite or rig may give. A non-backtracking automaton costs memory with the pattern's
    /// size: a 2.5 MB literal took 600 MiB and 6 s to check (found by fuzzing); real prompts are a line.
    /// </summary>
    public const int MaxLength = 1024;

    // Building a non-backtracking regex allocates about a megabyte; a suite repeats the same few patterns
    // (${dut.ready} in every scenario), so each usable one is checked once (1,300 serial steps allocated 1.6 GB).
    private const int MaxRemembered = 1024;
    private static readonly ConcurrentDictionary<string, bool> Usable = new(StringComparer.Ordinal);

    public static Regex Build(string pattern) =>
        new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    /// <summary>Why <paramref name="pattern"/> cannot be used (named <paramref name="what"/>), or null when it can.</summary>
    public static string? Problem(string? pattern, string what)
    {
        if (string.IsNullOrEmpty(pattern))
            return $"{what}: the pattern is empty";
        if (pattern.Length > MaxLength)
            return $"{what}: the pattern is {pattern.Length} characters long; at most {MaxLength}";
        if (Usable.ContainsKey(pattern))
            return null;
        try
        {
            if (Build(pattern).IsMatch(""))
                return $"{what}: /{pattern}/ matches empty text, so it would match at once";
            if (Usable.Count < MaxRemembered)
                Usable.TryAdd(pattern, true);
            return null;
        }
        catch (NotSupportedException e)
        {
            return $"{what}: /{pattern}/ cannot run without backtracking ({e.Message}); avoid backreferences, lookarounds and atomic groups";
        }
        catch (ArgumentException e)
        {
            return $"{what}: /{pattern}/ is not a valid regular expression: {e.Message}";
        }
    }

    internal static void EnsureSafe(Regex pattern)
    {
        if ((pattern.Options & RegexOptions.NonBacktracking) == 0 && pattern.MatchTimeout == Regex.InfiniteMatchTimeout)
            throw new ArgumentException(
                $"/{pattern}/ over device data needs RegexOptions.NonBacktracking or a match timeout (see SerialPatterns.Build)", nameof(pattern));
    }
}
