namespace IoTopia.Certify.Harness.Secrets;

/// <summary>
/// Which values of a rig file or conformance statement are secret: a single value tagged <c>!secret</c>, or
/// the value of a key whose last word (split at '-' and '_') is one of <see cref="SecretWords"/> — unless it
/// is tagged <c>!public</c>. An empty value hides nothing and is not secret.
/// </summary>
public static class SecretRule
{
    public const string SecretTag = "!secret";
    public const string PublicTag = "!public";

    /// <summary>
    /// Shorter secrets are refused: every copy of a secret is masked wherever its characters occur in the run's
    /// record, and a short one ("1234") occurs by chance in offsets, times and captures.
    /// </summary>
    public const int MinLength = 6;

    public static readonly IReadOnlySet<string> SecretWords =
        new HashSet<string>(["password", "passwd", "passphrase", "secret", "token", "key", "psk"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The word of <paramref name="key"/> that makes its value secret, or null.</summary>
    public static string? SecretWord(string key)
    {
        var last = key.Split('-', '_').Last();
        return SecretWords.Contains(last) ? last.ToLowerInvariant() : null;
    }
}
