namespace IoTopia.Certify.EndToEnd.Tests.CommandLine;

/// <summary>Lint and <c>run --plan</c> refuse, at file:line, a deadline the run could not arm (durations are at most 168h).</summary>
[TestFixture]
public sealed class DurationLimitTests
{
    [TestCase("lint")]
    [TestCase("run", "--plan")]
    public async Task LintAndPlanRefuseATimeoutPastTheMaximumAtItsLine(params string[] command)
    {
        using var temp = new TempFolder();
        var file = temp.Write("suite.yaml", "scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    timeout: 922337203685s\n    steps: [wait]\n");
        var result = await CertifyProgram.RunAsync([.. command, "--rig", TestSuites.InProcessRig, "--suite", file], TimeSpan.FromSeconds(60));
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain($"{file}:5:14: timeout: expected a duration"));
    }
}
