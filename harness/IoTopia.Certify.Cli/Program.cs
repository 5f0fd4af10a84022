using System.CommandLine;
using IoTopia.Certify.Cli;
using IoTopia.Certify.Cli.Commands;

var root = new RootCommand("IoTopia.Certify: drive a connected device through certification scenarios and report the evidence");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ResumeCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(SignCommand.Create());
root.Subcommands.Add(ListCommand.Create());
root.Subcommands.Add(LintCommand.Create());
root.Subcommands.Add(InitStatementCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(RigCommand.Create(async forwarded => await root.Parse(forwarded).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null })));
root.Subcommands.Add(MudCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
        Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("`certify --help` lists the commands and their options");
    return ExitCodes.BadInput;
}
// Ctrl-C is ours (Interruption): the run must clean up and stay resumable, however long that takes.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
