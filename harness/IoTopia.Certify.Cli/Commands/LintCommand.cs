using System.CommandLine;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify lint</c>: checks suites and the rig file without touching a device, shows each capability of the rig with its driver, and names every secret value it found.</summary>
public static class LintCommand
{
    public static Command Create()
    {
        var rig = CommonOptions.Rig();
        var suite = CommonOptions.Suite();
        var command = new Command("lint", "Check suites and rig files without touching a device; show each capability of the rig with its driver") { suite, rig };
        command.SetAction(result => ListCommand.WithInputs(result.GetValue(rig), result.GetValue(suite), inputs =>
        {
            Console.WriteLine($"ok: {inputs.Suite.Scenarios.Count} scenarios in {inputs.Suite.Files.Count} files, {inputs.Suite.Scenarios.Sum(s => s.Steps.Count + s.Cleanup.Count)} steps; rig {inputs.Rig.Name}");
            CapabilityListing.Print(inputs.Rig);
            foreach (var secret in inputs.Secrets)
                Console.WriteLine($"secret: {secret}: redacted in the run folder");
        }));
        return command;
    }
}
