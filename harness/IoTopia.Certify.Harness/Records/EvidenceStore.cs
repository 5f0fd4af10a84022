using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Secrets;

namespace IoTopia.Certify.Harness.Records;

/// <summary>
/// Creates evidence files at <c>evidence/&lt;scenario-id&gt;/attempt-&lt;n&gt;/&lt;seq&gt;-&lt;step&gt;[-label].&lt;ext&gt;</c>
/// and <c>evidence/_run/…</c>. File names never come from device data: every part is checked. The run's
/// secrets are masked in every byte written (<see cref="SecretMask"/>).
/// </summary>
public sealed partial class EvidenceStore(RunFolder folder, SecretMask? mask = null)
{
    public const string RunScope = "_run";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.NonBacktracking)]
    private static partial Regex SafeName();

    public RunFolder Folder { get; } = folder;

    public EvidenceFile Create(string scope, int attempt, int seq, string stepName, string? label, string extension,
        string kind, string mediaType, Action<EvidenceRecord> onClosed)
    {
        Check(scope == RunScope ? "run" : scope, nameof(scope));
        Check(stepName, nameof(stepName));
        Check(extension, nameof(extension));
        if (label is not null)
            Check(label, nameof(label));
        var directory = scope == RunScope
            ? Path.Combine(Folder.Evidence, RunScope)
            : Path.Combine(Folder.Evidence, scope, $"attempt-{attempt}");
        var name = $"{seq:D3}-{stepName}{(label is null ? "" : "-" + label)}.{extension}";
        var full = Path.Combine(directory, name);
        return new EvidenceFile(full, Folder.Relative(full), kind, mediaType, onClosed, mask is null || mask.IsEmpty ? null : mask.ForStream());
    }

    private static void Check(string part, string what)
    {
        if (!SafeName().IsMatch(part) || part.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException($"unsafe {what} for an evidence file name: '{part}'");
    }
}
