using System.CommandLine;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify list scenarios|steps|rig</c>.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List scenarios, steps, requirements or the rig");
        list.Subcommands.Add(ListRequirementsCommand.Create());

        var rig = CommonOptions.Rig();
        var suite = CommonOptions.Suite();
        var scenarios = new Command("scenarios", "Every scenario of the suites, with what it verifies and needs") { suite, rig };
        scenarios.SetAction(result => WithInputs(result.GetValue(rig), result.GetValue(suite), inputs =>
        {
            foreach (var s in inputs.Suite.Scenarios)
            {
                var reqs = s.Requirements.Count == 0 ? "rig-check" : string.Join(",", s.Requirements);
                Console.WriteLine($"{s.Id}\t[{reqs}]\tneeds: {(s.Needs.Count == 0 ? "-" : string.Join(",", s.Needs))}\t{DeviceText.ForTerminal(s.Title)}");
            }
        }));
        list.Subcommands.Add(scenarios);

        var steps = new Command("steps", "Every step a scenario can use, with its arguments");
        steps.SetAction(_ =>
        {
            foreach (var (name, summary, arguments) in Composition.Steps.All)
            {
                var args = string.Join(", ", ArgumentBinder.BindableProperties(arguments).Select(p => $"{p.Key}: {TypeName(p.Value.PropertyType)}"));
                var needs = string.Join(", ", Composition.Steps.Needs(name).GroupBy(n => n.Capability)
                    .Select(g => g.All(n => n.Optional) ? $"{g.Key} (optional)" : g.Key));
                Console.WriteLine($"{name}\t{summary}");
                Console.WriteLine($"    arguments: {(args.Length == 0 ? "none" : args)}");
                if (needs.Length > 0)
                    Console.WriteLine($"    needs: {needs}");
            }
            return 0;
        });
        list.Subcommands.Add(steps);

        var rigOnly = CommonOptions.Rig();
        var rigCommand = new Command("rig", "The rig: its kind, DUT, and each capability with the driver and resource behind it") { rigOnly };
        rigCommand.SetAction(result =>
        {
            var root = ProjectRoot.Find();
            try
            {
                var d = RigLoader.Load(CommonOptions.RigOrDefault(result.GetValue(rigOnly), root), Composition.RigKinds);
                Console.WriteLine($"rig {d.Name} ({d.File}), kind {d.Kind}");
                Console.WriteLine($"dut: model {d.Dut.Model}, serial {d.Dut.Serial}, firmware {d.Dut.Firmware}");
                CapabilityListing.Print(d);
                foreach (var secret in d.Secrets)
                    Console.WriteLine($"secret: {secret.Key} (line {secret.Location.Line}): redacted in the run folder");
                if (d.Description.Length > 0)
                    Console.WriteLine(d.Description.Trim());
                return 0;
            }
            catch (InputException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
        });
        list.Subcommands.Add(rigCommand);
        return list;
    }

    public static int WithInputs(string? rig, string[]? suites, Action<LoadedInputs> action)
    {
        var root = ProjectRoot.Find();
        try
        {
            var request = new RunRequest
            {
                ProjectRoot = root,
                RigFile = CommonOptions.RigOrDefault(rig, root),
                Suites = CommonOptions.SuitesOrDefault(suites, root),
            };
            action(LoadedInputs.Load(request, Composition.Steps, Composition.RigKinds));
            return 0;
        }
        catch (InputException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
    }

    private static string TypeName(Type t) =>
        Nullable.GetUnderlyingType(t) is { } u ? TypeName(u) + "?"
        : t == typeof(TimeSpan) ? "duration"
        : t.IsEnum ? string.Join("|", Enum.GetNames(t).Select(ArgumentBinder.KebabCase))
        : t.IsGenericType ? $"list of {TypeName(t.GetGenericArguments()[^1])}"
        : t.Name.ToLowerInvariant();
}
