using System.Text.RegularExpressions;

namespace IoTopia.Certify.Reports.Tests;

[TestFixture]
public sealed class MarkdownReportTests
{
    private RenderedRun typical = null!;
    private RenderedRun hostile = null!;

    [OneTimeSetUp]
    public async Task RenderAsync()
    {
        typical = await RenderedRun.TypicalAsync();
        hostile = await RenderedRun.HostileAsync();
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        typical.Dispose();
        hostile.Dispose();
    }

    [Test]
    public void The_summary_has_the_run_the_tier_verdict_and_counts_per_verdict()
    {
        var md = typical.Markdown;
        Assert.Multiple(() =>
        {
            Assert.That(md, Does.Contain("### IoTopia.Certify run 20250602T090000Z-acme-cam-200"));
            Assert.That(md, Does.Contain("**✖ Tier T2 verdict: fail** — 7 requirements evaluated at T2\\: 2 fail, 1 error, 2 inconclusive, 2 pass"));
            Assert.That(md, Does.Contain("| | ✖ fail | ⚠ error | ? inconclusive | ✔ pass | – skipped | total |"));
            Assert.That(md, Does.Contain("| scenarios | 1 | 1 | 1 | 3 | 4 | 10 |"));
            Assert.That(md, Does.Contain("| requirements | 2 | 1 | 2 | 2 | 5 | 12 |"));
            Assert.That(md, Does.Contain("DUT ACME Cam 200 · serial AC200-0007 · firmware 2.0.4"));
            Assert.That(md, Does.Contain("Rig virtual · personality open-telnet · slot 3 · harness"), "the rig kind's options follow the rig");
        });
    }

    [Test]
    public void Requirements_not_passed_are_listed_worst_first_and_passes_are_not()
    {
        var table = Section(typical.Markdown, "#### Requirements not passed");
        var ids = Rows(table).Select(r => r.Split(" | ")[0].TrimStart('|', ' ')).ToList();
        Assert.That(ids, Is.EqualTo(new[]
        {
            "IOT-SBD-03", "IOT-SBD-04", "IOT-INT-02", "IOT-INT-01", "IOT-LCM-11",
            "IOT-SBD-05", "IOT-ONB-01", "IOT-ONB-09", "IOT-LCM-05", "IOT-LCM-06",
        }));
        Assert.That(table, Does.Contain("| IOT-ONB-01 | – skipped (not-applicable) | not applicable\\: installer app onboarding only |"));
    }

    [Test]
    public void Every_scenario_is_listed_with_its_verdict()
    {
        var table = Section(typical.Markdown, "#### Scenarios");
        var rows = Rows(table).ToList();
        Assert.That(rows, Has.Count.EqualTo(typical.Scenarios.Count()));
        Assert.That(rows, Has.Some.EqualTo("| int-mud-url | ? inconclusive | 2 | IOT-INT-01 | no DHCP traffic from the DUT in the 30 s window |"));
        Assert.That(rows, Has.Some.StartWith("| rig-smoke-serial | ✔ pass | 1 | rig-check |"));
    }

    [Test]
    public void Hostile_text_is_markdown_escaped_and_stays_in_its_table_cell()
    {
        var md = hostile.Markdown;
        Assert.Multiple(() =>
        {
            Assert.That(Regex.IsMatch(md, @"(?<!)<(script|img|svg|textarea)"), Is.False, "no markup survives unescaped");
            Assert.That(md, Does.Contain("\\<script\\>alert('xss')\\</script\\>"));
            Assert.That(md, Does.Contain("\\{\\{ 7\\*7 \\}\\}").And.Contain("\\{% raw %\\}"));
            Assert.That(md, Does.Contain("\\[click\\](javascript\\:alert(4))").And.Contain("\\@octocat").And.Contain("\\#1"));
            Assert.That(md, Does.Contain("\\\\x1B\\[31mRED").And.Contain("NUL\\:\\\\x00\\:").And.Contain("LONE\\:\\\\uD800\\:"));
            Assert.That(Regex.IsMatch(md, @"(?<!)\]\("), Is.False, "no link syntax survives");
            Assert.That(md.Any(c => c < 0x20 && c != '\n'), Is.False, "no control characters");
            Assert.That(md.Any(char.IsSurrogate), Is.False);
            Assert.That(md, Does.Not.Contain("THE-END"));
        });

        foreach (var section in new[] { "#### Requirements not passed", "#### Scenarios" })
        {
            var lines = Section(md, section).Split('\n').Where(l => l.StartsWith('|')).ToList();
            var columns = Pipes(lines[0]);
            Assert.That(lines.Select(Pipes), Is.All.EqualTo(columns), section);
            Assert.That(lines, Has.Count.GreaterThan(3));
        }
    }

    private static string Section(string md, string heading)
    {
        var start = md.IndexOf(heading, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), heading);
        var end = md.IndexOf("\n####", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? md[start..] : md[start..end];
    }

    private static IEnumerable<string> Rows(string table) =>
        table.Split('\n').Where(l => l.StartsWith('|')).Skip(2);

    /// <summary>Pipes that separate cells: those not escaped by a backslash.</summary>
    private static int Pipes(string line) => Regex.Matches(line, @"(?<!)\|").Count;
}
