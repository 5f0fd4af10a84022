namespace IoTopia.Certify.EndToEnd.Tests.CommandLine;

/// <summary><c>certify lint</c> accepts the suites and rigs the project ships.</summary>
[TestFixture]
public sealed class LintTests
{
    [Test]
    public async Task TheShippedSuitesAndRigsLint()
    {
        foreach (var rig in new[] { "virtual.yaml", "bench-example.yaml" })
        {
            var result = await CertifyProgram.RunAsync("lint", "--rig", RepoRoot.Combine("rigs", rig));
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Stdout, Does.StartWith("ok: "));
        }
    }
}
