using System.Text.RegularExpressions;

namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>A loader refused an input with a message that does not say where in the file the problem is.</summary>
public sealed partial class UnlocatedErrorException(string line, string file, Exception inner)
    : Exception($"an error about the input names no line of it: '{line}'", inner)
{
    /// <summary>The message without the file, quoted values and numbers: one distinct failure per kind of message.</summary>
    public string Shape { get; } = Digits().Replace(Quoted().Replace(line.Replace(file, "FILE"), "'…'"), "N");

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
