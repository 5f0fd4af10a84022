using System.Text.Json;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Engine;

/// <summary>A device printing markup, template syntax, ANSI, NUL, invalid UTF-8 and a 1 MB line breaks nothing.</summary>
[TestFixture]
public sealed class HostileOutputTests
{
    [Test]
    public async Task HostileDeviceStringsLeaveAValidRecordAndACleanTerminal()
    {
        using var temp = new TempFolder();
        var result = await CertifyProgram.RunAsync(["run", "--rig", TestSuites.InProcessRig, "--suite", TestSuites.File("hostile.yaml"), "--out", temp.Sub("run")],
            TimeSpan.FromSeconds(60));
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());

        Assert.That(result.Stdout, Does.Not.Contain("\u001b").And.Not.Contain("\0").And.Not.Contain("\u0007"), "no control characters reach the terminal");
        Assert.That(result.Stdout, Does.Contain("[red]x[/]"), "markup is shown, not interpreted");
        Assert.That(result.Stdout.Split('\n').Max(l => l.Length), Is.LessThan(1000), "a 1 MB device line is not printed whole");

        var run = new RunFolderReader(temp.Sub("run")); // validates against the schema
        foreach (var line in File.ReadAllLines(Path.Combine(temp.Sub("run"), "journal.jsonl")))
            Assert.DoesNotThrow(() => JsonDocument.Parse(line), "every journal line is intact JSON");

        var hostile = run.Attempts("h.output")[0]!["steps"]![0]!;
        var observed = (string)hostile["observed"]!;
        Assert.That(observed, Does.Contain("<script>alert(1)</script>").And.Contain("{{ 7*7 }}").And.Contain("\0").And.Contain("\uFFFD"));
        Assert.That(observed.Length, Is.LessThan(10_000), "observed text is clipped; the evidence keeps it all");
        var evidence = hostile["evidence"]![0]!;
        Assert.That((long)evidence["size"]!, Is.GreaterThan(1024 * 1024));
        Assert.That(new FileInfo(Path.Combine(temp.Sub("run"), (string)evidence["path"]!)).Length, Is.EqualTo((long)evidence["size"]!));
    }
}
