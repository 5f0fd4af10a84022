using System.CommandLine;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify suit …</c>: SUIT manifests (draft-ietf-suit-manifest-37) for manufacturers and labs: inspect and build.</summary>
public static class SuitCommand
{
    public static Command Create()
    {
        var suit = new Command("suit", "SUIT manifests (draft-ietf-suit-manifest-37): inspect an envelope, build a signed one");
        suit.Subcommands.Add(SuitInspectCommand.Create());
        suit.Subcommands.Add(SuitBuildCommand.Create());
        return suit;
    }
}
