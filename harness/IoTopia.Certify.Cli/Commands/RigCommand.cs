using System.CommandLine;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify rig check [--rig FILE] [run options]</c>: runs the rig-check suite (suites/smoke) against the rig.</summary>
public static class RigCommand
{
    public static Command Create(Func<string[], Task<int>> run)
    {
        var rig = new Command("rig", "Check the bench");
        var check = new Command("check", "Run the rig-check suite (suites/smoke) against the rig: same options as run") { TreatUnmatchedTokensAsErrors = false };
        check.SetAction(async (result, _) =>
            await run(["run", "--suite", Path.Combine(ProjectRoot.Find(), "suites", "smoke"), .. result.UnmatchedTokens]));
        rig.Subcommands.Add(check);
        return rig;
    }
}
