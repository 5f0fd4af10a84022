using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Validation;

/// <summary>What a reader should see about a file besides its problems: identity, support status, extensions, policy size.</summary>
internal static class MudFacts
{
    public static IReadOnlyList<MudFact> Of(MudFile file)
    {
        var facts = new List<MudFact>();
        if (file.MudUrl is { } url)
            facts.Add(new("mud-url", url));
        if (file.LastUpdateText is { } updated)
            facts.Add(new("last-update", updated));
        if (file.IsSupported is { } supported)
            facts.Add(new("is-supported", supported ? "true" : "false"));
        if (file.IsSupported == false)
        {
            facts.Add(new("end-of-support",
                "is-supported is false: the manufacturer declares that the device gets no further firmware, software or MUD file updates"));
        }
        facts.Add(new("cache-validity", file.CacheValidityDeclared ? $"{file.CacheValidityHours} hours" : $"{file.CacheValidityHours} hours (default)"));
        if (file.MudSignature is { } signature)
            facts.Add(new("mud-signature", signature));
        if (file.Extensions.Count > 0)
            facts.Add(new("extensions", string.Join(", ", file.Extensions)));
        if (file.Transparency is { } t)
            facts.Add(new("transparency", Describe(t)));
        facts.Add(new("policies", $"from-device {Count(file, Direction.FromDevice)}; to-device {Count(file, Direction.ToDevice)}"));
        return facts;
    }

    private static string Count(MudFile file, Direction direction)
    {
        var acls = file.Policy(direction);
        return $"{acls.Count} ACLs, {acls.Sum(a => a.Aces.Count)} ACEs";
    }

    private static string Describe(MudTransparency t)
    {
        var parts = new List<string>();
        if (t.Sboms.Count > 0)
            parts.Add("SBOMs: " + string.Join(", ", t.Sboms.Select(s => $"{s.VersionInfo} {s.SbomUrl ?? "(no URL)"}")));
        if (t.SbomLocalWellKnown is { } local)
            parts.Add($"SBOM served by the device itself over {local} (well-known URI)");
        if (t.SbomContactUri is { } contact)
            parts.Add($"SBOM on request: {contact}");
        if (t.SbomArchiveList is { } archive)
            parts.Add($"SBOM archive: {archive}");
        if (t.VulnUrls.Count > 0)
            parts.Add("vulnerability information: " + string.Join(", ", t.VulnUrls));
        if (t.VulnContactUri is { } vulnContact)
            parts.Add($"vulnerability contact: {vulnContact}");
        return "RFC 9472 " + (parts.Count == 0 ? "container present but empty" : string.Join("; ", parts));
    }
}
