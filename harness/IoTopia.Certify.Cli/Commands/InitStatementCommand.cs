using System.CommandLine;
using System.Text;
using IoTopia.Certify.Harness.Declarations;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify init-statement [--out FILE]</c>: a commented conformance-statement template for every requirement.</summary>
public static class InitStatementCommand
{
    public static Command Create()
    {
        var @out = new Option<string>("--out") { Description = "file to write (default: standard output); must not exist" };
        var command = new Command("init-statement", "Write a commented conformance-statement template") { @out };
        command.SetAction(result =>
        {
            try
            {
                var (catalogue, _) = LoadedInputs.LoadCatalogue(ProjectRoot.Find());
                var text = new StringBuilder();
                text.AppendLine("# Conformance statement (ICS/IXIT style) for IoTopia.Certify — schemaVersion 1.");
                text.AppendLine("# Declare, for each requirement, supported | not-supported | not-applicable (the last two need a justification).");
                text.AppendLine("# A declaration never makes a verdict: tests and the assessor do. 'not-applicable' skips the requirement");
                text.AppendLine("# (skip reason not-applicable) and shows your justification in the report.");
                text.AppendLine("# IXIT facts are read by suites as ${ixit.<name>}.");
                text.AppendLine("schemaVersion: 1");
                text.AppendLine("manufacturer: Example Devices Ltd");
                text.AppendLine("product: Example Model 1, firmware 1.0.0");
                text.AppendLine("requirements:");
                foreach (var r in catalogue.Requirements)
                {
                    text.AppendLine($"  # {r.Title} ({r.Tier}, {r.Verification.ToString().ToLowerInvariant()})");
                    text.AppendLine($"  {r.Id}: {{ support: supported, justification: \"\" }}");
                }
                text.AppendLine("ixit:");
                foreach (var (name, (kind, meaning)) in IxitFacts.Known)
                    text.AppendLine($"  # {name}: {meaning} ({kind})");
                if (result.GetValue(@out) is { } path)
                {
                    if (File.Exists(path))
                        throw new InputException($"--out {path}: exists; choose a new file");
                    File.WriteAllText(path, text.ToString());
                    Console.WriteLine($"wrote {path}");
                }
                else
                {
                    Console.Write(text);
                }
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
}
