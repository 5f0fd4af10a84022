namespace IoTopia.Certify.Harness.Catalogue;

/// <summary>Every cross-reference of the catalogue resolves in its framework file; free-text keys are not checked.</summary>
public static class ReferenceCheck
{
    public static readonly IReadOnlySet<string> FreeTextKeys = new HashSet<string>(StringComparer.Ordinal) { "rfc", "other" };

    public static IReadOnlyList<string> Problems(RequirementCatalogue catalogue, IReadOnlyDictionary<string, Framework> frameworks)
    {
        var problems = new List<string>();
        foreach (var requirement in catalogue.Requirements)
        {
            foreach (var (framework, identifiers) in requirement.References)
            {
                if (FreeTextKeys.Contains(framework))
                    continue;
                if (!frameworks.TryGetValue(framework, out var known))
                {
                    problems.Add($"{catalogue.File}: {requirement.Id}: references: '{framework}' has no file suites/frameworks/{framework}.yaml");
                    continue;
                }
                foreach (var id in identifiers.Where(i => !known.Contains(i)))
                    problems.Add($"{catalogue.File}: {requirement.Id}: references.{framework}: '{id}' is not in {known.File}");
            }
        }
        return problems;
    }

    /// <summary>For each identifier of a framework, the requirements that reference it (empty: nothing covers it).</summary>
    public static IReadOnlyList<(FrameworkItem Item, IReadOnlyList<string> Requirements)> Coverage(RequirementCatalogue catalogue, Framework framework) =>
        framework.Items.Select(item => (item, (IReadOnlyList<string>)catalogue.Requirements
                .Where(r => r.References.TryGetValue(framework.Id, out var ids) && ids.Contains(item.Id))
                .Select(r => r.Id).ToList()))
            .ToList();
}
