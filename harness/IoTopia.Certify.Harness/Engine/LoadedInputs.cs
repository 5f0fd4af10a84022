using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>Everything a run reads before it touches a device: rig, catalogue, suites, and the plan.</summary>
public sealed record LoadedInputs(RigDescription Rig, RequirementCatalogue Catalogue, Suite Suite, IReadOnlyList<PlannedScenario> Plan)
{
    public static string CataloguePath(string projectRoot) => Path.Combine(projectRoot, "suites", "requirements.yaml");

    /// <exception cref="InputException">any bad input, with file, line, column and key</exception>
    public static LoadedInputs Load(RunRequest request, StepRegistry steps, RigKinds kinds)
    {
        var errors = new InputErrors();
        RigDescription? rig = null;
        try
        {
            rig = RigLoader.Load(request.RigFile, kinds.Names);
        }
        catch (InputException e)
        {
            errors.Add(e);
        }
        var cataloguePath = CataloguePath(request.ProjectRoot);
        var catalogue = File.Exists(cataloguePath) ? RequirementCatalogue.Load(cataloguePath) : RequirementCatalogue.Empty;
        if (!RequirementCatalogue.Tiers.Contains(request.Tier))
            errors.Add($"--tier '{request.Tier}': must be T1, T2 or T3");
        if (request.Personality is not null && rig is { SupportsPersonalities: false })
            errors.Add($"--personality: rig '{rig.Name}' ({rig.File}) is of kind '{rig.Kind}'; personalities exist only on the virtual rig");
        foreach (var (flag, file) in new[] { ("--statement", request.Statement), ("--decisions", request.Decisions) })
        {
            if (file is not null && !File.Exists(file))
                errors.Add($"{flag} {file}: no such file");
        }
        Suite? suite = null;
        try
        {
            var known = catalogue.Requirements.Count > 0 ? catalogue.ById.Keys.ToHashSet(StringComparer.Ordinal) : null;
            suite = new SuiteLoader(steps, known).Load(request.Suites, request.Parameters);
        }
        catch (InputException e)
        {
            errors.Add(e);
        }
        errors.ThrowIfAny();
        var plan = Planner.Plan(suite!, catalogue, rig!, request.Filter, request.Tier);
        return new LoadedInputs(rig!, catalogue, suite!, plan);
    }

    /// <summary>The files whose content the run depends on, with the role of each.</summary>
    public IEnumerable<(string Path, string Role)> InputFiles(RunRequest request)
    {
        yield return (Rig.File, "rig");
        foreach (var f in Suite.Files)
            yield return (f, "suite");
        if (Catalogue.File is { } c)
            yield return (c, "catalogue");
        if (request.Statement is { } s)
            yield return (s, "statement");
        if (request.Decisions is { } d)
            yield return (d, "decisions");
    }
}
