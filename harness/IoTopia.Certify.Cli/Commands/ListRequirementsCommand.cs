using System.CommandLine;
using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify list requirements [--pillar P] [--tier T] [--framework F]</c>.</summary>
public static class ListRequirementsCommand
{
    public static Command Create()
    {
        var pillar = new Option<string>("--pillar") { Description = "only this pillar: SBD, INT, ONB or LCM" };
        var tier = new Option<string>("--tier") { Description = "only requirements that apply at this tier (T1, T2, T3)" };
        var framework = new Option<string>("--framework") { Description = "list a framework's identifiers with the requirements covering each (e.g. etsi-en-303-645)" };
        var command = new Command("requirements", "The requirement catalogue, or a framework's coverage") { pillar, tier, framework };
        command.SetAction(result =>
        {
            try
            {
                var (catalogue, frameworks) = LoadedInputs.LoadCatalogue(ProjectRoot.Find());
                if (result.GetValue(framework) is { } f)
                {
                    if (!frameworks.TryGetValue(f, out var chosen))
                        throw new InputException($"--framework '{f}': no such framework; known: {string.Join(", ", frameworks.Keys.Order())}");
                    PrintCoverage(catalogue, chosen);
                    return 0;
                }
                var selected = catalogue.Requirements
                    .Where(r => result.GetValue(pillar) is not { } p || string.Equals(r.Pillar, p, StringComparison.OrdinalIgnoreCase))
                    .Where(r => result.GetValue(tier) is not { } t || RequirementCatalogue.AppliesAt(r, t.ToUpperInvariant()))
                    .ToList();
                foreach (var group in selected.GroupBy(r => r.Pillar))
                {
                    Console.WriteLine($"{group.Key} — {catalogue.Pillars.GetValueOrDefault(group.Key, group.Key)}");
                    foreach (var r in group)
                        Console.WriteLine($"  {r.Id}  {r.Tier}  {r.Verification.ToString().ToLowerInvariant(),-6}  {r.Title}");
                }
                Console.WriteLine($"{selected.Count} requirements over {selected.Select(r => r.Pillar).Distinct().Count()} pillars");
                return 0;
            }
            catch (InputException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static void PrintCoverage(RequirementCatalogue catalogue, Framework framework)
    {
        Console.WriteLine(framework.Title);
        var coverage = ReferenceCheck.Coverage(catalogue, framework);
        foreach (var (item, requirements) in coverage)
        {
            var covered = requirements.Count == 0 ? "NOT COVERED" : string.Join(", ", requirements);
            Console.WriteLine($"  {item.Id,-10} {item.Status ?? "",-9} {covered,-40} {item.Title}");
        }
        var uncovered = coverage.Where(c => c.Requirements.Count == 0).Select(c => c.Item.Id).ToList();
        Console.WriteLine($"{coverage.Count} identifiers, {coverage.Count - uncovered.Count} covered, {uncovered.Count} not covered{(uncovered.Count == 0 ? "" : ": " + string.Join(", ", uncovered))}");
    }
}
