using System.CommandLine;

namespace IoTopia.Certify.Cli;

/// <summary>
/// Parses and runs a command line, the same way for the whole program (Program.cs) and for the native
/// build of its <c>mud</c> commands (IoTopia.Certify.Cli.Native): bad arguments are exit 3, never help text.
/// </summary>
public static class CommandLineEntry
{
    public const string Description = "IoTopia.Certify: drive a connected device through certification scenarios and report the evidence";

    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine("`certify --help` lists the commands and their options");
            return ExitCodes.BadInput;
        }
        // Ctrl-C is ours (Interruption): the run must clean up and stay resumable, however long that takes.
        return await parsed.InvokeAsync(Invocation);
    }

    public static InvocationConfiguration Invocation => new() { ProcessTerminationTimeout = null };
}
