using System.Text.RegularExpressions;

namespace IoTopia.Certify.Harness.Loading;

/// <summary>Replaces <c>${name}</c> in scenario values by the scenario's parameter values.</summary>
public static partial class ParameterValues
{
    [GeneratedRegex(@"\$\{(?<name>[A-Za-z0-9_.-]+)\}", RegexOptions.NonBacktracking)]
    private static partial Regex Reference();

    public static string Substitute(string text, IReadOnlyDictionary<string, string> parameters, Action<string> unknown)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
            return text;
        return Reference().Replace(text, m =>
        {
            var name = m.Groups["name"].Value;
            if (parameters.TryGetValue(name, out var value))
                return value;
            unknown(name);
            return m.Value;
        });
    }
}
