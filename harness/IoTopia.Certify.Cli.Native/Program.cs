using System.CommandLine;
using IoTopia.Certify.Cli;
using IoTopia.Certify.Cli.Commands;

// The native program behind `certify mud …`: the command line's own mud commands under the same root, so
// its help, errors, output and exit codes are the managed program's.
var root = new RootCommand(CommandLineEntry.Description);
root.Subcommands.Add(MudCommand.Create());
return await CommandLineEntry.RunAsync(root, args);
