using IoTopia.Certify.Harness.Integrity;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Secrets;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// The run's inputs copied into <c>inputs/&lt;role&gt;/</c>: the rig file, the statement and the answers file redacted
/// (<see cref="RedactedInput"/>), everything else byte for byte; and, on resume, which inputs changed since.
/// </summary>
public static class InputCopies
{
    /// <summary>The roles whose files may hold secrets (<see cref="SecretRule"/>).</summary>
    public static readonly IReadOnlySet<string> RedactedRoles = new HashSet<string>(["rig", "statement", "answers"], StringComparer.Ordinal);

    /// <returns>each copy, and the secret values found while copying</returns>
    public static (List<InputFile> Copied, List<string> SecretValues) Copy(RunFolder folder, IEnumerable<(string Path, string Role)> files)
    {
        var copied = new List<InputFile>();
        var secrets = new List<string>();
        foreach (var (path, role) in files)
        {
            var full = Path.GetFullPath(path);
            var copy = Path.Combine(folder.Inputs, role, $"{copied.Count(c => c.Role == role) + 1:D2}-{Path.GetFileName(full)}");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            var redacted = RedactedRoles.Contains(role) ? RedactedInput.Read(full) : null;
            if (redacted is { HasSecrets: true })
            {
                File.WriteAllBytes(copy, redacted.Bytes(full));
                secrets.AddRange(redacted.Secrets.Select(s => s.Value));
            }
            else
            {
                File.Copy(full, copy);
            }
            copied.Add(new InputFile
            {
                Path = full,
                Sha256 = FileHash.Sha256(copy),
                Role = role,
                Copy = folder.Relative(copy),
                Secrets = redacted is { HasSecrets: true } ? redacted.Recorded : null,
            });
        }
        return (copied, secrets);
    }

    /// <summary>
    /// What changed since the run began, one line per input: a file missing or changed, a secret changed (by key and
    /// line, never its value). A file copied redacted is redacted again with the run's salts and compared as copied.
    /// </summary>
    public static IReadOnlyList<string> Changes(IEnumerable<InputFile> recorded)
    {
        var changes = new List<string>();
        foreach (var input in recorded)
        {
            if (!File.Exists(input.Path))
                changes.Add($"{input.Path} is missing");
            else if (input.Secrets is not { Count: > 0 } secrets)
            {
                if (FileHash.Sha256(input.Path) != input.Sha256)
                    changes.Add($"{input.Path} changed since the run began");
            }
            else if (RedactedChange(input, secrets) is { } change)
                changes.Add(change);
        }
        return changes;
    }

    private static string? RedactedChange(InputFile input, IReadOnlyList<InputSecret> secrets)
    {
        RedactedInput now;
        try
        {
            now = RedactedInput.Read(input.Path, secrets);
        }
        catch (InputException e)
        {
            return $"{input.Path} changed since the run began ({e.Message})";
        }
        if (FileHash.Sha256(now.Bytes(input.Path)) == input.Sha256)
            return null;
        var which = secrets
            .Select(s => (Before: s, After: now.Recorded.FirstOrDefault(n => n.Key == s.Key)))
            .Where(p => p.After is null || p.After.Digest != p.Before.Digest)
            .Select(p => p.After is null ? $"its secret {p.Before.Key} is gone" : $"its secret {p.Before.Key} (line {p.After.Line}) changed")
            .ToList();
        return $"{input.Path} changed since the run began{(which.Count == 0 ? "" : $": {string.Join(", ", which)}")}";
    }
}
