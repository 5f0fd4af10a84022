using IoTopia.Certify.Reports.Tests.Samples;

namespace IoTopia.Certify.Reports.Tests;

/// <summary>A run whose device printed markup, template syntax, ANSI, NUL, a lone surrogate and 1 MB: all of it is text.</summary>
[TestFixture]
public sealed class HostileHtmlTests
{
    private RenderedRun run = null!;

    [OneTimeSetUp]
    public async Task RenderAsync() => run = await RenderedRun.HostileAsync();

    [OneTimeTearDown]
    public void CleanUp() => run.Dispose();

    [Test]
    public void No_element_is_injected()
    {
        var doc = run.Document;
        var scripts = doc.QuerySelectorAll("script");
        Assert.Multiple(() =>
        {
            Assert.That(scripts, Has.Length.EqualTo(1), "only the report's own script");
            Assert.That(scripts[0].HasAttribute("src"), Is.False);
            Assert.That(scripts[0].TextContent.TrimStart(), Does.StartWith("(function () {"));
            Assert.That(doc.QuerySelectorAll("img, svg, iframe, object, embed, link, base, textarea, form, meta[http-equiv=refresh]"), Is.Empty);
            Assert.That(doc.QuerySelectorAll("style"), Has.Length.EqualTo(1));
            Assert.That(doc.QuerySelectorAll("pre"), Has.Length.EqualTo(run.Html.Split("<pre class=\"details\">").Length - 1), "no </pre> from the device closed a block early");
        });

        var withHandlers = doc.All.Where(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.That(withHandlers.Select(e => e.OuterHtml[..Math.Min(200, e.OuterHtml.Length)]), Is.Empty);
    }

    [Test]
    public void Every_link_stays_inside_the_run_folder()
    {
        foreach (var href in run.Document.QuerySelectorAll("[href]").Select(a => a.GetAttribute("href")!))
        {
            Assert.That(href, Does.Not.Contain(":").And.Not.Contain(".."), href);
            Assert.That(href.StartsWith('#') || href.StartsWith("evidence/", StringComparison.Ordinal), Is.True, href);
        }

        var unlinked = run.Document.QuerySelectorAll("span.evidence.unlinked").Select(s => s.TextContent).ToList();
        Assert.That(unlinked, Does.Contain("javascript:alert(5)").And.Contain("evidence/../../../etc/passwd"));
    }

    [Test]
    public void Device_strings_show_as_text_with_controls_visible()
    {
        var step = run.ScenarioSection("sbd-default-password").QuerySelectorAll("tbody.step").Single(s => s.GetAttribute("data-step") == "2");
        var reason = step.QuerySelector(".reason")!.TextContent;
        Assert.Multiple(() =>
        {
            Assert.That(reason, Is.EqualTo(Visible.Text(Hostile.Mix("locked out after 5 attempts"))));
            Assert.That(reason, Does.Contain(Hostile.Script).And.Contain(Hostile.Img).And.Contain(Hostile.AttributeBreak));
            Assert.That(reason, Does.Contain("{{ 7*7 }}").And.Not.Contain("49"), "template syntax is not evaluated");
            Assert.That(reason, Does.Contain("{% raw %}{{ 8*8 }}{% endraw %}").And.Contain("{% include 'secrets' %}"));
            Assert.That(reason, Does.Contain("\\x1B[31mRED\\x1B[0m"), "ESC shown as \\x1B");
            Assert.That(reason, Does.Contain("NUL:\\x00:").And.Contain("BEL:\\x07:"));
            Assert.That(reason, Does.Contain("LONE:\\uD800:"), "lone surrogate shown as \\uD800");
            Assert.That(reason, Does.Contain("\\u202Eevil"), "bidi override shown, not applied");
        });
    }

    [Test]
    public void The_raw_html_holds_no_control_characters_and_no_unescaped_markup_from_the_device()
    {
        Assert.Multiple(() =>
        {
            Assert.That(run.Html.Where(c => c < 0x20 && c is not '\n' and not '\t'), Is.Empty);
            Assert.That(run.Html.Any(char.IsSurrogate), Is.False);
            Assert.That(run.Html, Does.Not.Contain("<img").And.Not.Contain("<svg").And.Not.Contain("alert('xss')</script>"));
            Assert.That(run.Html, Does.Contain("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;"));
        });
    }

    [Test]
    public void Dut_fields_measurement_values_details_and_reviews_are_text()
    {
        string Field(string name) => run.Document.QuerySelector($"#provenance [data-field={name}]")!.TextContent;
        Assert.Multiple(() =>
        {
            Assert.That(Field("dut-model"), Is.EqualTo(Visible.Text(Hostile.Mix("ACME Cam 200"))));
            Assert.That(Field("dut-serial"), Is.EqualTo(Visible.Text(Hostile.Mix("AC200-0007"))));
            Assert.That(Field("dut-firmware"), Is.EqualTo(Visible.Text(Hostile.Mix("2.0.4"))));
        });

        var measurement = run.ScenarioSection("sbd-default-password").QuerySelectorAll("tr.measurement")
            .Single(m => m.GetAttribute("data-measurement") == "default-credentials-accepted");
        Assert.That(measurement.QuerySelectorAll("td")[1].TextContent, Is.EqualTo(Visible.Text(Hostile.Mix("no"))));

        var details = run.ScenarioSection("sbd-default-password").QuerySelector("pre.details")!.TextContent;
        Assert.That(details, Does.Contain("{{ 7*7 }}").And.Contain("<script>alert('xss')</script>").And.Contain("\\u001B[31mRED"));

        var review = run.RequirementRow("IOT-SBD-01").QuerySelector(".review")!.TextContent;
        Assert.That(review, Does.Contain(Visible.Text(Hostile.Mix("pass: password policy v3 reviewed"))));
    }

    [Test]
    public void A_megabyte_of_device_output_is_clipped_with_a_note()
    {
        var observed = run.ScenarioSection("sbd-declared-services").QuerySelector(".observed")!.TextContent;
        Assert.Multiple(() =>
        {
            Assert.That(observed, Does.StartWith(new string('A', 2000) + "…"));
            Assert.That(observed, Does.EndWith("998,007 more characters, see evidence"));
            Assert.That(run.Html, Does.Not.Contain("THE-END"));
            Assert.That(run.Html.Length, Is.LessThan(400_000), "the 1 MB strings are not copied into the page");
        });
    }

    [Test]
    public void Hostile_device_strings_do_not_change_verdicts_or_structure()
    {
        Assert.That(run.Document.QuerySelectorAll("tr[data-requirement]"), Has.Length.EqualTo(run.Requirements.Count()));
        Assert.That(run.Document.QuerySelectorAll("section[data-scenario]"), Has.Length.EqualTo(run.Scenarios.Count()));
        Assert.That(run.RequirementRow("IOT-SBD-03").GetAttribute("data-verdict"), Is.EqualTo("fail"));
    }
}
