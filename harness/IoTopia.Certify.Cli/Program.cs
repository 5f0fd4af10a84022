using System.CommandLine;
using IoTopia.Certify.Cli;
using IoTopia.Certify.Cli.Commands;

var root = new RootCommand(CommandLineEntry.Description);
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ResumeCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(SignCommand.Create());
root.Subcommands.Add(ListCommand.Create());
root.Subcommands.Add(LintCommand.Create());
root.Subcommands.Add(InitStatementCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(RigCommand.Create(async forwarded => await root.Parse(forwarded).InvokeAsync(CommandLineEntry.Invocation)));
root.Subcommands.Add(MudCommand.Create());
root.Subcommands.Add(SuitCommand.Create());
return await CommandLineEntry.RunAsync(root, args);
