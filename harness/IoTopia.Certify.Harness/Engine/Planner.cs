using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Declarations;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>Decides, before anything runs, which scenarios run and why each other one is skipped.</summary>
public static class Planner
{
    public static IReadOnlyList<PlannedScenario> Plan(Suite suite, RequirementCatalogue catalogue, RunDeclarations declarations, RigDescription rig, string? filter, string tier)
    {
        var patterns = ParseFilter(filter);
        if (patterns.Count > 0 && !suite.Scenarios.Any(s => Matches(s, catalogue, patterns)))
            throw new InputException($"--filter '{filter}' matches no scenario");

        var plan = new List<PlannedScenario>();
        var byId = new Dictionary<string, PlannedScenario>(StringComparer.Ordinal);
        foreach (var s in suite.Scenarios)
        {
            var (skip, detail) = Decide(s, catalogue, declarations, rig, patterns, tier);
            if (skip is null && s.Continues is { } previous && byId.TryGetValue(previous, out var before) && before.Skip is { } inherited)
                (skip, detail) = (inherited, $"continues '{previous}', which is skipped ({before.SkipDetail})");
            var planned = new PlannedScenario
            {
                Id = s.Id,
                Title = s.Title,
                Kind = s.Kind,
                Requirements = s.Requirements,
                Skip = skip,
                SkipDetail = detail,
            };
            plan.Add(planned);
            byId[s.Id] = planned;
        }
        return plan;
    }

    private static (SkipReason?, string?) Decide(Scenario s, RequirementCatalogue catalogue, RunDeclarations declarations, RigDescription rig, IReadOnlyList<Regex> patterns, string tier)
    {
        if (patterns.Count > 0 && !Matches(s, catalogue, patterns))
            return (SkipReason.Filtered, "not selected by --filter");
        if (s.Kind == ScenarioKind.Certification && s.Requirements.Count > 0)
        {
            var known = s.Requirements.Select(id => catalogue.ById.GetValueOrDefault(id)).OfType<Requirement>().ToList();
            if (known.Count == s.Requirements.Count && known.All(r => !RequirementCatalogue.AppliesAt(r, tier)))
                return (SkipReason.NotApplicable, $"its requirements are above the target tier {tier}: {string.Join(", ", known.Select(r => $"{r.Id} ({r.Tier})"))}");
            var declared = s.Requirements.Select(declarations.DeclarationFor).ToList();
            if (declared.All(d => d?.Support == Support.NotApplicable))
                return (SkipReason.NotApplicable, "the conformance statement declares " + string.Join("; ", declared.Select(d => $"{d!.RequirementId} not applicable: {d.Justification}")));
        }
        var missing = s.Needs.Where(n => !rig.Capabilities.Contains(n)).ToList();
        if (missing.Count > 0)
            return (SkipReason.CapabilityMissing, $"rig '{rig.Name}' lacks {string.Join(", ", missing)}");
        if (s.MissingDutFacts.Count > 0)
            return (SkipReason.CapabilityMissing, $"rig '{rig.Name}' does not give {string.Join(", ", s.MissingDutFacts.Select(k => $"dut.{k}"))} (dut: in {Path.GetFileName(rig.File)})");
        if (s.MissingIxit.Count > 0)
            return (SkipReason.ArtefactMissing, $"the conformance statement gives no IXIT fact {string.Join(", ", s.MissingIxit)} (--statement FILE, ixit:)");
        var absent = s.Artefacts.Where(a => s.Parameters.GetValueOrDefault(a) is not { Length: > 0 } file || !File.Exists(file)).ToList();
        if (absent.Count > 0)
            return (SkipReason.ArtefactMissing, string.Join("; ", absent.Select(a =>
                $"{a}: {(s.Parameters.GetValueOrDefault(a) is { Length: > 0 } f ? $"no such file {f}" : "not supplied")} (--param {a}=FILE)")));
        return (null, null);
    }

    private static bool Matches(Scenario s, RequirementCatalogue catalogue, IReadOnlyList<Regex> patterns) =>
        patterns.Any(p => p.IsMatch(s.Id)
                          || s.Requirements.Any(r => p.IsMatch(r))
                          || s.Requirements.Any(r => p.IsMatch(r.Split('-') is [_, var pillar, _] ? pillar : "")));

    private static List<Regex> ParseFilter(string? filter) =>
        (filter ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(term => new Regex("^" + Regex.Escape(term).Replace("\\*", ".*") + "$",
            RegexOptions.NonBacktracking | RegexOptions.IgnoreCase))
        .ToList();
}
