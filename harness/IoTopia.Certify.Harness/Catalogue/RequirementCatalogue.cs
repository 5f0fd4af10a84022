using IoTopia.Certify.Harness.Loading;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.Harness.Catalogue;

/// <summary>The requirement catalogue, <c>suites/requirements.yaml</c>.</summary>
public sealed class RequirementCatalogue
{
    public static readonly IReadOnlyList<string> Tiers = ["T1", "T2", "T3"];

    public RequirementCatalogue(IReadOnlyList<Requirement> requirements, IReadOnlyDictionary<string, string> pillars, string? file)
    {
        Requirements = requirements;
        Pillars = pillars;
        File = file;
        ById = requirements.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Requirement> Requirements { get; }
    public IReadOnlyDictionary<string, string> Pillars { get; }
    public IReadOnlyDictionary<string, Requirement> ById { get; }
    public string? File { get; }

    public static RequirementCatalogue Empty { get; } = new([], new Dictionary<string, string>(), null);

    /// <summary>True when <paramref name="tier"/> is at or above the requirement's tier.</summary>
    public static bool AppliesAt(Requirement r, string tier) =>
        string.CompareOrdinal(r.Tier, tier) <= 0;

    public static RequirementCatalogue Load(string path)
    {
        var errors = new InputErrors();
        var root = new YamlMap(path, YamlFile.LoadMapping(path));
        if (root.Int("schemaVersion") is not 1)
            errors.Add(new InputException(root.LocationOf("schemaVersion"), "schemaVersion: must be 1"));
        var pillars = root.StringMap("pillars");
        var requirements = new List<Requirement>();
        var firstAt = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var node in root.Sequence("requirements")?.Children ?? [])
        {
            try
            {
                if (node is not YamlMappingNode m)
                    throw new InputException(YamlFile.At(path, node), "requirements[]: expected a mapping");
                var map = new YamlMap(path, m, "requirement");
                var id = map.RequiredString("id");
                if (!firstAt.TryAdd(id, map.LocationOf("id").Line))
                    errors.Add(new InputException(map.LocationOf("id"), $"requirement.id: {id} is listed again (first on line {firstAt[id]})"));
                var pillar = map.RequiredString("pillar");
                if (!pillars.ContainsKey(pillar))
                    errors.Add(new InputException(map.LocationOf("pillar"), $"pillar: '{pillar}' is not declared under pillars:"));
                var tier = map.RequiredString("tier");
                if (!Tiers.Contains(tier))
                    errors.Add(new InputException(map.LocationOf("tier"), $"tier: '{tier}' is not T1, T2 or T3"));
                var verification = map.RequiredString("verification") switch
                {
                    "test" => Verification.Test,
                    "review" => Verification.Review,
                    "both" => Verification.Both,
                    var v => throw new InputException(map.LocationOf("verification"), $"verification: '{v}' is not test, review or both"),
                };
                var references = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                if (map.Map("references") is { } refs)
                {
                    foreach (var framework in refs.Keys)
                        references[framework] = refs.StringList(framework);
                }
                requirements.Add(new Requirement
                {
                    Id = id,
                    Pillar = pillar,
                    Title = map.RequiredString("title"),
                    Statement = map.RequiredString("statement"),
                    Tier = tier,
                    Verification = verification,
                    References = references,
                });
                map.RejectUnknownKeys(errors);
            }
            catch (InputException e)
            {
                errors.Add(e);
            }
        }
        root.RejectUnknownKeys(errors);
        errors.ThrowIfAny();
        return new RequirementCatalogue(requirements, pillars, path);
    }
}
