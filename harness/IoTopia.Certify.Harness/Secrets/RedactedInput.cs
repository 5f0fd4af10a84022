using System.Text;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Secrets;

/// <summary>
/// A rig file or statement as the run folder keeps it: every secret value replaced, on its own line, by
/// <c>'&lt;redacted DIGEST&gt;'</c> (its <c>!secret</c> tag and anchor kept, the line breaks of a value written over
/// several lines kept), and any other occurrence of a secret in the text (a comment repeating it) masked with '*'.
/// Every line keeps its number, so errors reported against the copy point where they point in the original.
/// </summary>
public sealed class RedactedInput
{
    private RedactedInput(string text, IReadOnlyList<SecretValue> secrets, IReadOnlyList<InputSecret> recorded)
    {
        Text = text;
        Secrets = secrets;
        Recorded = recorded;
    }

    /// <summary>The redacted text; the file's own text when it holds no secret.</summary>
    public string Text { get; }

    public IReadOnlyList<SecretValue> Secrets { get; }

    /// <summary>What the run record keeps of each secret.</summary>
    public IReadOnlyList<InputSecret> Recorded { get; }

    public bool HasSecrets => Secrets.Count > 0;

    /// <summary>Reads and redacts a file.</summary>
    /// <param name="earlier">the secrets a run recorded for this file: a secret under the same key is digested with the
    /// same salt, so an unchanged file gives the same text again (resume compares it)</param>
    /// <exception cref="InputException">the file cannot be read or parsed, or breaks <see cref="SecretRule"/></exception>
    public static RedactedInput Read(string path, IReadOnlyList<InputSecret>? earlier = null)
    {
        var text = YamlFile.ReadText(path);
        var errors = new InputErrors();
        var secrets = SecretFinder.Find(path, YamlFile.Parse(path, new StringReader(text)), errors);
        errors.ThrowIfAny();
        if (secrets.Count == 0)
            return new RedactedInput(text, secrets, []);

        var recorded = new List<InputSecret>();
        var redacted = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var secret in secrets)
        {
            var digest = Digest(secret, earlier);
            recorded.Add(new InputSecret { Key = secret.Key, Line = secret.Location.Line, Digest = digest });
            redacted.Append(text, copied, (int)secret.Start - copied);
            redacted.Append(Replacement(secret, digest, text.AsSpan((int)secret.Start, (int)(secret.End - secret.Start))));
            copied = (int)secret.End;
        }
        redacted.Append(text, copied, text.Length - copied);
        var mask = new SecretMask(secrets.Select(s => s.Value));
        var result = mask.Mask(redacted.ToString());
        if (!ReadsBack(path, result, recorded))
            result = mask.Mask(MaskLines(text, secrets));
        return new RedactedInput(result, secrets, recorded);
    }

    /// <summary>The redacted text parses, with the same secrets on the same lines, each now its marker.</summary>
    private static bool ReadsBack(string path, string redacted, List<InputSecret> recorded)
    {
        try
        {
            var errors = new InputErrors();
            var again = SecretFinder.Find(path, YamlFile.Parse(path, new StringReader(redacted)), errors);
            return !errors.Any && again.Count == recorded.Count && again.Zip(recorded).All(p =>
                p.First.Key == p.Second.Key && p.First.Location.Line == p.Second.Line && p.First.Value == $"<redacted {p.Second.Digest}>");
        }
        catch (InputException)
        {
            return false;
        }
    }

    /// <summary>The fallback when a value cannot be replaced in place: every line a secret touches is masked whole.</summary>
    private static string MaskLines(string text, IReadOnlyList<SecretValue> secrets)
    {
        var chars = text.ToCharArray();
        foreach (var secret in secrets)
        {
            var start = (int)secret.Start;
            while (start > 0 && chars[start - 1] is not ('\r' or '\n'))
                start--;
            var end = (int)secret.End;
            while (end < chars.Length && chars[end] is not ('\r' or '\n'))
                end++;
            for (var i = start; i < end; i++)
                chars[i] = chars[i] is '\r' or '\n' or ' ' or '\t' ? chars[i] : SecretMask.Masked;
        }
        return new string(chars);
    }

    /// <summary>The copy as the run folder holds it: UTF-8; the file's own bytes when it holds no secret.</summary>
    public byte[] Bytes(string path) => HasSecrets ? new UTF8Encoding(false).GetBytes(Text) : File.ReadAllBytes(path);

    private static string Digest(SecretValue secret, IReadOnlyList<InputSecret>? earlier)
    {
        if (earlier?.FirstOrDefault(e => e.Key == secret.Key) is { } before && SecretDigest.TryParse(before.Digest, out var salt, out var iterations))
            return SecretDigest.Create(secret.Value, salt, iterations);
        return SecretDigest.Create(secret.Value, SecretDigest.NewSalt());
    }

    /// <summary>The marker, then every line break of the original value with the indentation after it.</summary>
    private static string Replacement(SecretValue secret, string digest, ReadOnlySpan<char> original)
    {
        var replacement = new StringBuilder();
        if (secret.Anchor is { } anchor)
            replacement.Append('&').Append(anchor).Append(' ');
        if (secret.Tagged)
            replacement.Append(SecretRule.SecretTag).Append(' ');
        replacement.Append("'<redacted ").Append(digest).Append(">'");
        for (var i = 0; i < original.Length; i++)
        {
            if (original[i] is not ('\r' or '\n'))
                continue;
            replacement.Append(original[i]);
            if (original[i] == '\r' && i + 1 < original.Length && original[i + 1] == '\n')
                replacement.Append(original[++i]);
            while (i + 1 < original.Length && original[i + 1] is ' ' or '\t')
                replacement.Append(original[++i]);
        }
        return replacement.ToString();
    }
}
