using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Declarations;

/// <summary>An assessor's verdict on a <c>review</c> or <c>both</c> requirement, with the documents examined.</summary>
public sealed record AssessorDecision(string RequirementId, Verdict Verdict, string Rationale, string Assessor, IReadOnlyList<ReviewedDocument> Documents)
{
    public string Describe() => $"{Verdict.Name()} by {Assessor}: {Rationale}";
}

/// <summary>A document the assessor examined: its path and the SHA-256 they recorded.</summary>
public sealed record ReviewedDocument(string Path, string Sha256);
