using IoTopia.Certify.Suit.Digests;
using IoTopia.Certify.Suit.Model;
using IoTopia.Certify.Suit.Signing;

namespace IoTopia.Certify.Suit.Inspection;

/// <summary>
/// What <c>certify suit inspect</c> found: the decoded envelope and its notation, or the format error; every digest compared;
/// every signature checked against the key (none checked without a key). <see cref="Valid"/>: well formed, every digest present
/// matches, and (with a key) at least one signature verifies.
/// </summary>
public sealed record SuitInspection(
    SuitEnvelope? Envelope,
    string? Diagnostic,
    SuitFormatException? FormatError,
    IReadOnlyList<DigestCheck> Digests,
    IReadOnlyList<SignatureCheck> Signatures,
    bool KeyGiven)
{
    public bool SignatureVerified => Signatures.Any(s => s.Verified);

    public bool Valid => FormatError is null && Digests.All(d => !d.Failed) && (!KeyGiven || SignatureVerified);

    /// <summary>Why the envelope is not valid, one line each; empty when it is.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            if (FormatError is { } e)
                return [$"malformed: {e.Message}"];
            var problems = Digests.Where(d => d.Failed).Select(d => d.Status == DigestStatus.Mismatch
                ? $"digest of {d.Name} does not match"
                : $"digest of {d.Name}: {d.Expected.AlgorithmName} is not supported").ToList();
            if (KeyGiven && !SignatureVerified)
                problems.Add(Signatures.Count == 0 ? "not signed: no authentication block" : "no signature verifies with the key");
            return problems;
        }
    }
}
