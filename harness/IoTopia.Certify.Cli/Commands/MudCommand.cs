using System.CommandLine;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify mud …</c>: the MUD (RFC 8520) tools for manufacturers and labs. <c>check</c> and <c>draft</c> join <c>validate</c> here.</summary>
public static class MudCommand
{
    public static Command Create()
    {
        var mud = new Command("mud", "MUD (RFC 8520) tools: validate a MUD file and its signature, check a capture against it, draft one from a capture");
        mud.Subcommands.Add(MudValidateCommand.Create());
        mud.Subcommands.Add(MudCheckCommand.Create());
        mud.Subcommands.Add(MudDraftCommand.Create());
        return mud;
    }
}
