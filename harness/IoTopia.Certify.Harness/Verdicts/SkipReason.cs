namespace IoTopia.Certify.Harness.Verdicts;

/// <summary>Why a scenario or requirement was skipped; always one of these (CONTRACTS.md).</summary>
public enum SkipReason
{
    NotApplicable,
    CapabilityMissing,
    ArtefactMissing,
    Filtered,
    NoScenario,
}

public static class SkipReasonNames
{
    public static string Name(this SkipReason reason) => reason switch
    {
        SkipReason.NotApplicable => "not-applicable",
        SkipReason.CapabilityMissing => "capability-missing",
        SkipReason.ArtefactMissing => "artefact-missing",
        SkipReason.Filtered => "filtered",
        _ => "no-scenario",
    };
}
