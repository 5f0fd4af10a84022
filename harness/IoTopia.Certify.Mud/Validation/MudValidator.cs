using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Parsing;

namespace IoTopia.Certify.Mud.Validation;

/// <summary>
/// Validates a MUD file (RFC 8520, RFC 8519 ACLs, ietf-acldns, RFC 9472 transparency) and builds its model.
/// The file is hostile input: bounded in size and depth, never trusted, never thrown over.
/// </summary>
public static class MudValidator
{
    private static readonly IMudRule[] Rules =
    [
        new AclReferenceRule(),
        new AclNameUniqueRule(),
        new AceNameUniqueRule(),
        new AclUnusedRule(),
        new ExtensionsDeclaredRule(),
        new MatchAclTypeRule(),
        new L4ProtocolRule(),
        new AceMatchesAnyRule(),
    ];

    /// <summary>Reads and validates a file. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot be read.</summary>
    public static MudValidationResult ValidateFile(string path, MudLimits? limits = null)
    {
        limits ??= MudLimits.Default;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new byte[limits.MaxBytes + 1];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Validate(path, buffer[..length], limits);
    }

    /// <param name="file">the name to give in problems</param>
    public static MudValidationResult Validate(string file, byte[] bytes, MudLimits? limits = null)
    {
        limits ??= MudLimits.Default;
        var sink = new ProblemSink(file, limits.MaxProblems);
        if (bytes.Length > limits.MaxBytes)
        {
            sink.Error("json-limits", new SourceLocation(1, 1, "$"), $"the file is larger than {limits.MaxBytes} bytes; real MUD files are tens of kilobytes");
            return new MudValidationResult(file, null, sink.Problems(), []);
        }
        var root = JsonTreeReader.Read(bytes, sink, limits);
        if (root is null)
            return new MudValidationResult(file, null, sink.Problems(), []);
        var mud = MudFileReader.Read(root, sink, out var preRfcDraft);
        if (mud is null)
            return new MudValidationResult(file, null, sink.Problems(), []);
        foreach (var rule in Rules)
        {
            // A pre-RFC file's ACLs were not read: reference checks would only repeat that.
            if (!(preRfcDraft && rule is AclReferenceRule))
                rule.Check(mud, sink);
        }
        return new MudValidationResult(file, mud, sink.Problems(), MudFacts.Of(mud));
    }
}
