using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;

namespace IoTopia.Certify.Reports.Tests;

[TestFixture]
public sealed class HtmlReportTests
{
    private RenderedRun run = null!;

    [OneTimeSetUp]
    public async Task RenderAsync() => run = await RenderedRun.TypicalAsync();

    [OneTimeTearDown]
    public void CleanUp() => run.Dispose();

    [Test]
    public void The_matrix_has_one_row_per_requirement_with_its_verdict_pillar_title_and_reason()
    {
        var rows = run.Document.QuerySelectorAll("tr[data-requirement]");
        Assert.That(rows, Has.Length.EqualTo(run.Requirements.Count()));

        foreach (var requirement in run.Requirements)
        {
            var id = (string)requirement["id"]!;
            var row = run.RequirementRow(id);
            var verdict = (string)requirement["verdict"]!;
            Assert.Multiple(() =>
            {
                Assert.That(row.GetAttribute("data-verdict"), Is.EqualTo(verdict), id);
                Assert.That(row.QuerySelector("[data-role=verdict]")!.TextContent, Is.EqualTo(verdict), id);
                Assert.That(row.GetAttribute("data-pillar"), Is.EqualTo(id.Split('-')[1]), id);
                Assert.That(row.Children[0].TextContent, Is.EqualTo(id));
                Assert.That(row.QuerySelector(".reason")!.TextContent, Is.EqualTo((string)requirement["reason"]!), id);
                Assert.That(row.TextContent, Does.Contain(CatalogueTitle(id)), id);
            });
            if (requirement["skipReason"] is { } skip)
                Assert.That(row.QuerySelector("[data-role=skip-reason]")!.TextContent, Does.Contain((string)skip!), id);
        }
    }

    [Test]
    public void Every_verdict_and_every_skip_reason_appears_in_the_matrix()
    {
        var verdicts = run.Document.QuerySelectorAll("tr[data-requirement]").Select(r => r.GetAttribute("data-verdict")).ToHashSet();
        Assert.That(verdicts, Is.SupersetOf(new[] { "pass", "fail", "error", "inconclusive", "skipped" }));

        var skips = run.Document.QuerySelectorAll("tr[data-requirement] [data-role=skip-reason]").Select(s => s.TextContent).ToList();
        foreach (var reason in new[] { "not-applicable", "capability-missing", "artefact-missing", "filtered", "no-scenario" })
            Assert.That(skips, Has.Some.Contains(reason));
    }

    [Test]
    public void The_matrix_links_every_evidence_file_of_a_requirements_scenarios_with_its_sha256()
    {
        var linked = 0;
        foreach (var requirement in run.Requirements)
        {
            var row = run.RequirementRow((string)requirement["id"]!);
            var expected = requirement["scenarios"]!.AsArray()
                .Select(s => run.Scenarios.SingleOrDefault(x => (string)x["id"]! == (string)s!))
                .Where(s => s is not null)
                .SelectMany(s => run.EvidenceOf(s!))
                .ToList();
            var links = row.QuerySelectorAll("a.evidence").ToList();
            Assert.That(links, Has.Count.EqualTo(expected.Count), (string)requirement["id"]!);

            foreach (var evidence in expected)
            {
                var path = (string)evidence["path"]!;
                var sha = (string)evidence["sha256"]!;
                var link = links.SingleOrDefault(l => l.GetAttribute("href") == path);
                Assert.That(link, Is.Not.Null, $"{requirement["id"]}: no link to {path}");
                Assert.Multiple(() =>
                {
                    Assert.That(link!.GetAttribute("data-sha256"), Is.EqualTo(sha));
                    Assert.That(link.TextContent, Is.EqualTo(path));
                    Assert.That(row.QuerySelectorAll("code.sha256").Select(c => c.TextContent), Does.Contain(sha));
                    Assert.That(FileSha256(path), Is.EqualTo(sha), "the link resolves to the file with that hash");
                });
                linked++;
            }
        }

        Assert.That(linked, Is.GreaterThanOrEqualTo(5), "the sample run has evidence behind its requirements");
    }

    [Test]
    public void Each_scenario_section_shows_verdict_reason_attempts_steps_and_evidence()
    {
        Assert.That(run.Document.QuerySelectorAll("section[data-scenario]"), Has.Length.EqualTo(run.Scenarios.Count()));
        foreach (var scenario in run.Scenarios)
        {
            var id = (string)scenario["id"]!;
            var section = run.ScenarioSection(id);
            Assert.That(section.GetAttribute("data-verdict"), Is.EqualTo((string)scenario["verdict"]!), id);
            Assert.That(section.QuerySelector("[data-role=verdict]")!.TextContent, Is.EqualTo((string)scenario["verdict"]!), id);
            Assert.That(section.QuerySelector("[data-role=reason]")!.TextContent, Is.EqualTo((string)scenario["reason"]!), id);
            if (scenario["skipReason"] is { } skip)
                Assert.That(section.QuerySelector("[data-role=skip-reason]")!.TextContent, Is.EqualTo((string)skip!), id);

            var attempts = scenario["attempts"]!.AsArray();
            var shown = section.QuerySelectorAll(".attempt");
            Assert.That(shown, Has.Length.EqualTo(attempts.Count), id);
            for (var i = 0; i < attempts.Count; i++)
                CheckAttempt(id, attempts[i]!.AsObject(), shown[i]);
        }
    }

    [Test]
    public void A_retried_scenario_shows_both_attempts_and_an_interrupted_attempt_is_marked()
    {
        var retried = run.ScenarioSection("int-mud-url").QuerySelectorAll(".attempt");
        Assert.That(retried.Select(a => a.GetAttribute("data-attempt")), Is.EqualTo(new[] { "1", "2" }));

        var interrupted = run.ScenarioSection("int-mud-file").QuerySelectorAll(".attempt");
        Assert.Multiple(() =>
        {
            Assert.That(interrupted[0].GetAttribute("data-interrupted"), Is.EqualTo("true"));
            Assert.That(interrupted[0].QuerySelector(".interrupted")!.TextContent, Is.EqualTo("interrupted"));
            Assert.That(interrupted[0].TextContent, Does.Contain("(no end recorded)"));
            Assert.That(interrupted[1].GetAttribute("data-interrupted"), Is.EqualTo("false"));
        });
    }

    [Test]
    public void Measurements_show_value_unit_limits_and_verdict()
    {
        var step = run.ScenarioSection("sbd-declared-services").QuerySelectorAll("tbody.step").Single(s => s.GetAttribute("data-step") == "2");
        var row = step.QuerySelectorAll("tr.measurement").Single(m => m.GetAttribute("data-measurement") == "undeclared-open-ports");
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.That(cells, Is.EqualTo(new[] { "undeclared-open-ports", "1", "ports", "", "0", "", "x ≤ 0", "fail" }));

        var expected = run.ScenarioSection("lcm-signed-update").QuerySelectorAll("tr.measurement").Single();
        Assert.That(expected.QuerySelectorAll("td").Select(c => c.TextContent.Trim()), Is.EqualTo(new[] { "firmware-version", "2.1.0", "", "", "", "2.1.0", "= 2.1.0", "pass" }));

        var lowHigh = run.ScenarioSection("sbd-default-password").QuerySelectorAll("tr.measurement").First();
        Assert.That(lowHigh.QuerySelectorAll("td")[6].TextContent, Is.EqualTo("1 ≤ x ≤ 10"));
    }

    [Test]
    public void Cleanup_steps_show_their_phase()
    {
        var phases = run.ScenarioSection("sbd-default-password").QuerySelectorAll("tbody.step").Select(s => s.GetAttribute("data-phase"));
        Assert.That(phases, Is.EqualTo(new[] { "steps", "steps", "cleanup" }));
    }

    [Test]
    public void Provenance_shows_harness_rig_dut_inputs_and_tools()
    {
        var r = run.Results["run"]!;
        string Field(string name) => run.Document.QuerySelector($"#provenance [data-field={name}]")!.TextContent;
        Assert.Multiple(() =>
        {
            Assert.That(Field("run-id"), Is.EqualTo((string)r["id"]!));
            Assert.That(Field("harness-version"), Is.EqualTo((string)r["harness"]!["version"]!));
            Assert.That(Field("harness-commit"), Is.EqualTo((string)r["harness"]!["commit"]!));
            Assert.That(Field("rig-name"), Is.EqualTo((string)r["rig"]!["name"]!));
            Assert.That(Field("rig-file"), Is.EqualTo((string)r["rig"]!["file"]!));
            Assert.That(Field("rig-sha256"), Is.EqualTo((string)r["rig"]!["sha256"]!));
            Assert.That(Field("dut-model"), Is.EqualTo((string)r["dut"]!["model"]!));
            Assert.That(Field("dut-serial"), Is.EqualTo((string)r["dut"]!["serial"]!));
            Assert.That(Field("dut-firmware"), Is.EqualTo((string)r["dut"]!["firmware"]!));
            Assert.That(run.Document.QuerySelector("#provenance [data-rig-option=personality]")!.TextContent, Is.EqualTo((string)r["rig"]!["options"]!["personality"]!));
            Assert.That(run.Document.QuerySelector("#provenance [data-rig-option=slot]")!.TextContent, Is.EqualTo("3"));
            Assert.That(Field("tier"), Is.EqualTo((string)r["tier"]!));
            Assert.That(Field("operator"), Is.EqualTo((string)r["operator"]!));
            Assert.That(Field("started"), Is.EqualTo((string)r["started"]!));
            Assert.That(Field("ended"), Does.StartWith((string)r["ended"]!));
            Assert.That(Field("seed"), Is.EqualTo("424242"));
        });

        foreach (var input in r["inputs"]!.AsArray())
        {
            var row = run.Document.QuerySelectorAll("tr[data-input]").Single(i => i.GetAttribute("data-input") == (string)input!["path"]!);
            Assert.That(row.TextContent, Does.Contain((string)input!["sha256"]!).And.Contain((string)input["role"]!));
        }

        foreach (var (name, version) in r["tools"]!.AsObject())
        {
            var row = run.Document.QuerySelectorAll("tr[data-tool]").Single(t => t.GetAttribute("data-tool") == name);
            Assert.That(row.TextContent, Does.Contain((string)version!));
        }
    }

    [Test]
    public void Run_long_evidence_is_linked_with_its_sha256_and_size()
    {
        var expected = run.Results["runEvidence"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var links = run.Document.QuerySelectorAll("#provenance ul.run-evidence a.evidence");
        Assert.That(links.Select(l => l.GetAttribute("href")), Is.EqualTo(expected.Select(e => (string)e["path"]!)));
        foreach (var (link, e) in links.Zip(expected))
        {
            Assert.That(link.GetAttribute("data-sha256"), Is.EqualTo((string)e["sha256"]!));
            Assert.That(link.GetAttribute("data-size"), Is.EqualTo(e["size"]!.ToJsonString()));
            Assert.That(FileSha256(link.GetAttribute("href")!), Is.EqualTo((string)e["sha256"]!));
        }
    }

    [Test]
    public void The_tier_verdict_is_shown_with_its_reason()
    {
        var tier = run.Document.GetElementById("tier-verdict")!;
        Assert.Multiple(() =>
        {
            Assert.That(tier.GetAttribute("data-verdict"), Is.EqualTo("fail"));
            Assert.That(tier.TextContent, Does.Contain("Tier T2 verdict: fail"));
            Assert.That(tier.TextContent, Does.Contain((string)run.Results["summary"]!["tier"]!["reason"]!));
        });
    }

    [Test]
    public void The_pillar_summary_counts_requirement_verdicts_per_pillar()
    {
        foreach (var pillar in new[] { "SBD", "INT", "ONB", "LCM" })
        {
            var row = run.Document.QuerySelectorAll("tr[data-pillar-summary]").Single(p => p.GetAttribute("data-pillar-summary") == pillar);
            var mine = run.Requirements.Where(r => ((string)r["id"]!).Split('-')[1] == pillar).ToList();
            foreach (var verdict in new[] { "fail", "error", "inconclusive", "pass", "skipped" })
            {
                var cell = row.QuerySelectorAll("td.count").Single(c => c.GetAttribute("data-verdict") == verdict);
                Assert.That(cell.TextContent, Is.EqualTo(mine.Count(r => (string)r["verdict"]! == verdict).ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{pillar} {verdict}");
            }
        }

        Assert.That(run.Document.QuerySelector("tr[data-pillar-summary=SBD]")!.TextContent, Does.Contain("Secure by design"));
    }

    [Test]
    public void Cross_references_are_grouped_by_framework()
    {
        var row = run.RequirementRow("IOT-SBD-01");
        var etsi = row.QuerySelectorAll("li[data-framework]").Single(l => l.GetAttribute("data-framework") == "etsi-en-303-645");
        var iec = row.QuerySelectorAll("li[data-framework]").Single(l => l.GetAttribute("data-framework") == "iec-62443-4-2");
        Assert.That(etsi.TextContent, Is.EqualTo("etsi-en-303-645: 5.1-1, 5.1-2, 5.1-5"));
        Assert.That(iec.TextContent, Is.EqualTo("iec-62443-4-2: CR 1.5, CR 1.7"));
    }

    [Test]
    public void Scenarios_listed_in_the_matrix_carry_their_verdicts_and_link_to_their_sections()
    {
        var row = run.RequirementRow("IOT-INT-01");
        var item = row.QuerySelectorAll("li[data-scenario-ref]").Single();
        Assert.That(item.TextContent, Does.Contain("int-mud-url").And.Contain("inconclusive"));
        var target = item.QuerySelector("a")!.GetAttribute("href")!;
        Assert.That(run.Document.GetElementById(target[1..])!.GetAttribute("data-scenario"), Is.EqualTo("int-mud-url"));

        foreach (var link in run.Document.QuerySelectorAll("a[href^='#']"))
            Assert.That(run.Document.GetElementById(link.GetAttribute("href")![1..]), Is.Not.Null, link.OuterHtml);
    }

    [Test]
    public void The_filters_offer_every_verdict_and_pillar()
    {
        var verdicts = run.Document.QuerySelectorAll("#filter-verdict option").Select(o => o.GetAttribute("value"));
        var pillars = run.Document.QuerySelectorAll("#filter-pillar option").Select(o => o.GetAttribute("value"));
        Assert.That(verdicts, Is.EqualTo(new[] { "all", "fail", "error", "inconclusive", "pass", "skipped" }));
        Assert.That(pillars, Is.EqualTo(new[] { "all", "SBD", "INT", "ONB", "LCM", "rig-check" }));
        Assert.That(run.ScenarioSection("rig-smoke-serial").GetAttribute("data-pillar"), Is.EqualTo("rig-check"));
        Assert.That(run.ScenarioSection("sbd-declared-services").GetAttribute("data-pillar"), Is.EqualTo("SBD"));
    }

    [Test]
    public void The_page_is_self_contained()
    {
        var doc = run.Document;
        Assert.Multiple(() =>
        {
            Assert.That(doc.QuerySelectorAll("[src]"), Is.Empty, "no element loads anything");
            Assert.That(doc.QuerySelectorAll("link, iframe, object, embed, img, base"), Is.Empty);
            Assert.That(run.Html, Does.Not.Contain("http://").And.Not.Contain("https://").And.Not.Contain("url(").And.Not.Contain("@import"));
            Assert.That(doc.QuerySelectorAll("script"), Has.Length.EqualTo(1));
            Assert.That(doc.QuerySelectorAll("style"), Has.Length.EqualTo(1));
        });

        foreach (var href in doc.QuerySelectorAll("[href]").Select(a => a.GetAttribute("href")!))
            Assert.That(href.StartsWith('#') || (href.StartsWith("evidence/", StringComparison.Ordinal) && !href.Contains(':', StringComparison.Ordinal)), Is.True, href);
    }

    [Test]
    public void The_content_security_policy_allows_exactly_the_inline_script()
    {
        var csp = run.Document.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.GetAttribute("content")!;
        var script = run.Document.QuerySelector("script")!.TextContent;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.That(csp, Does.Contain($"script-src 'sha256-{hash}'").And.Contain("default-src 'none'"));
    }

    private void CheckAttempt(string scenario, JsonObject attempt, IElement shown)
    {
        var where = $"{scenario} attempt {attempt["n"]}";
        Assert.Multiple(() =>
        {
            Assert.That(shown.GetAttribute("data-attempt"), Is.EqualTo(attempt["n"]!.ToJsonString()), where);
            Assert.That(shown.GetAttribute("data-verdict"), Is.EqualTo((string)attempt["verdict"]!), where);
            Assert.That(shown.GetAttribute("data-interrupted"), Is.EqualTo((bool)attempt["interrupted"]! ? "true" : "false"), where);
            Assert.That(shown.QuerySelector(".reason")!.TextContent, Is.EqualTo((string)attempt["reason"]!), where);
        });

        var steps = attempt["steps"]!.AsArray();
        var rows = shown.QuerySelectorAll("tbody.step");
        Assert.That(rows, Has.Length.EqualTo(steps.Count), where);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i]!.AsObject();
            var row = rows[i];
            Assert.That(row.GetAttribute("data-verdict"), Is.EqualTo((string)step["verdict"]!), where);
            Assert.That(row.QuerySelector("code")!.TextContent, Is.EqualTo((string)step["name"]!), where);
            if (step["expected"] is { } expected)
                Assert.That(row.QuerySelector(".expected")!.TextContent, Is.EqualTo((string)expected!), where);
            if (step["observed"] is { } observed)
                Assert.That(row.QuerySelector(".observed")!.TextContent, Is.EqualTo((string)observed!), where);

            var measurements = row.QuerySelectorAll("tr.measurement");
            Assert.That(measurements, Has.Length.EqualTo(step["measurements"]!.AsArray().Count), where);
            foreach (var m in step["measurements"]!.AsArray())
            {
                var shownM = measurements.Single(x => x.GetAttribute("data-measurement") == (string)m!["name"]!);
                Assert.That(shownM.GetAttribute("data-verdict"), Is.EqualTo((string)m!["verdict"]!), where);
                Assert.That(shownM.QuerySelectorAll("td")[1].TextContent, Is.EqualTo(m["value"]!.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)m["value"]! : m["value"]!.ToJsonString()), where);
            }

            foreach (var e in step["evidence"]!.AsArray())
            {
                var link = row.QuerySelectorAll("a.evidence").Single(a => a.GetAttribute("href") == (string)e!["path"]!);
                Assert.That(link.GetAttribute("data-sha256"), Is.EqualTo((string)e!["sha256"]!), where);
                Assert.That(link.GetAttribute("data-size"), Is.EqualTo(e["size"]!.ToJsonString()), where);
                Assert.That(link.ParentElement!.QuerySelector("code.sha256")!.TextContent, Is.EqualTo((string)e["sha256"]!), where);
            }
        }
    }

    private string CatalogueTitle(string id) =>
        (string)run.Results["catalogue"]!["requirements"]!.AsArray().Single(r => (string)r!["id"]! == id)!["title"]!;

    private string FileSha256(string relative) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(run.Folder.Path, relative))));
}
