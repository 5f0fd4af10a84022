namespace IoTopia.Certify.Rigs.Lab.Common;

/// <summary>Host names the lab serves and issues certificates for: labels of letters, digits, '-' and '_' (1–63), at most 253 characters.</summary>
public static class HostNames
{
    public static bool IsValid(string? name)
    {
        if (name is null)
            return false;
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        if (trimmed.Length is 0 or > 253)
            return false;
        foreach (var label in trimmed.Split('.'))
        {
            if (label.Length is 0 or > 63 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                return false;
        }
        return true;
    }

    /// <summary>Lower case, no trailing dot; throws for a name that is not valid.</summary>
    public static string Normalize(string name) =>
        IsValid(name) ? name.TrimEnd('.').ToLowerInvariant() : throw new ArgumentException($"not a host name: '{name}'", nameof(name));
}
