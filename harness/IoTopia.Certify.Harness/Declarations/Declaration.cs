namespace IoTopia.Certify.Harness.Declarations;

/// <summary>One requirement's line in the conformance statement. A declaration never makes a verdict.</summary>
public sealed record Declaration(string RequirementId, Support Support, string Justification)
{
    public string Describe() => Support switch
    {
        Support.Supported => "declared supported",
        Support.NotSupported => "declared not supported",
        _ => "declared not applicable",
    } + (Justification.Length == 0 ? "" : $": {Justification}");
}
