using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using IoTopia.Certify.Reports.Tests.Samples;

namespace IoTopia.Certify.Reports.Tests;

[TestFixture]
public sealed class JunitReportTests
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
    public void There_is_one_testsuite_per_pillar_then_rig_checks()
    {
        var root = typical.Junit.Root!;
        Assert.That(root.Name.LocalName, Is.EqualTo("testsuites"));
        var names = root.Elements("testsuite").Select(s => (string)s.Attribute("name")!);
        Assert.That(names, Is.EqualTo(new[] { "SBD - Secure by design", "INT - Device intent", "ONB - Secure onboarding", "LCM - Lifecycle management", "rig-check" }));
        Assert.That(root.Descendants("testcase").Count(), Is.EqualTo(typical.Scenarios.Count()));
    }

    [TestCase("typical")]
    [TestCase("hostile")]
    public void Suites_and_testcases_have_the_attributes_and_children_of_the_junit_schema(string which)
    {
        var run = which == "typical" ? typical : hostile;
        var root = run.Junit.Root!;
        foreach (var suite in root.Elements("testsuite"))
        {
            foreach (var attribute in new[] { "name", "tests", "failures", "errors", "skipped", "time", "timestamp", "hostname", "id", "package" })
                Assert.That(suite.Attribute(attribute)?.Value, Is.Not.Null.And.Not.Empty, attribute);
            Assert.That(suite.Elements().Select(e => e.Name.LocalName).Distinct(), Is.EqualTo(new[] { "properties", "testcase", "system-out", "system-err" }));

            var cases = suite.Elements("testcase").ToList();
            Assert.Multiple(() =>
            {
                Assert.That(Int(suite, "tests"), Is.EqualTo(cases.Count));
                Assert.That(Int(suite, "failures"), Is.EqualTo(cases.Count(c => c.Element("failure") is not null)));
                Assert.That(Int(suite, "errors"), Is.EqualTo(cases.Count(c => c.Element("error") is not null)));
                Assert.That(Int(suite, "skipped"), Is.EqualTo(cases.Count(c => c.Element("skipped") is not null)));
            });
            foreach (var testcase in cases)
            {
                Assert.That((string?)testcase.Attribute("name"), Is.Not.Null.And.Not.Empty);
                Assert.That((string?)testcase.Attribute("classname"), Is.Not.Null.And.Not.Empty);
                Assert.That(double.Parse((string)testcase.Attribute("time")!, CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(0));
                Assert.That(testcase.Element("system-out"), Is.Not.Null);
            }
        }

        Assert.That(Int(root, "tests"), Is.EqualTo(run.Scenarios.Count()));
        Assert.That(root.Element("testsuite")!.Descendants("property").Single(p => (string)p.Attribute("name")! == "run.id").Attribute("value")!.Value, Is.EqualTo((string)run.Results["run"]!["id"]!));
        if (run.Results["run"]!["rig"]!["options"] is JsonObject options)
        {
            foreach (var (name, value) in options)
                Assert.That(root.Element("testsuite")!.Descendants("property").Single(p => (string)p.Attribute("name")! == $"rig.option.{name}").Attribute("value")!.Value,
                    Is.EqualTo(value!.ToString()), "each rig option is a property");
        }
    }

    [TestCase("typical")]
    [TestCase("hostile")]
    public void Each_verdict_maps_to_the_element_ci_reads(string which)
    {
        var run = which == "typical" ? typical : hostile;
        foreach (var scenario in run.Scenarios)
        {
            var id = (string)scenario["id"]!;
            var testcase = run.TestCase(id);
            var outcome = testcase.Elements().Where(e => e.Name.LocalName != "system-out").ToList();
            switch ((string)scenario["verdict"]!)
            {
                case "pass":
                    Assert.That(outcome, Is.Empty, id);
                    break;
                case "fail":
                    Assert.That(outcome.Single().Name.LocalName, Is.EqualTo("failure"), id);
                    Assert.That((string)outcome.Single().Attribute("message")!, Is.EqualTo(Visible.Text((string)scenario["reason"]!)), id);
                    break;
                case "error":
                    Assert.That(outcome.Single().Name.LocalName, Is.EqualTo("error"), id);
                    Assert.That((string)outcome.Single().Attribute("type")!, Is.EqualTo("error"), id);
                    break;
                case "inconclusive":
                    Assert.That(outcome.Single().Name.LocalName, Is.EqualTo("error"), id);
                    Assert.That((string)outcome.Single().Attribute("type")!, Is.EqualTo("inconclusive"), id);
                    break;
                case "skipped":
                    Assert.That(outcome.Single().Name.LocalName, Is.EqualTo("skipped"), id);
                    Assert.That((string)outcome.Single().Attribute("message")!, Does.StartWith((string)scenario["skipReason"]! + " - "), id);
                    break;
                default:
                    Assert.Fail($"unexpected verdict in the sample: {scenario["verdict"]}");
                    break;
            }
        }

        var verdicts = run.Scenarios.Select(s => (string)s["verdict"]!).ToHashSet();
        Assert.That(verdicts, Is.SupersetOf(new[] { "pass", "fail", "error", "inconclusive", "skipped" }));
    }

    [Test]
    public void Classname_and_name_carry_requirement_ids_and_the_scenario()
    {
        var failing = typical.TestCase("sbd-declared-services");
        Assert.Multiple(() =>
        {
            Assert.That((string)failing.Attribute("classname")!, Is.EqualTo("IOT-SBD-03.IOT-SBD-04"));
            Assert.That((string)failing.Attribute("name")!, Is.EqualTo("sbd-declared-services: Only declared services are exposed and no debug console is open"));
            Assert.That((string)typical.TestCase("rig-smoke-serial").Attribute("classname")!, Is.EqualTo("rig-check"));
        });
    }

    [Test]
    public void System_out_lists_requirement_ids_attempts_steps_measurements_and_evidence()
    {
        var retried = typical.TestCase("int-mud-url").Element("system-out")!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(retried, Does.Contain("requirements: IOT-INT-01"));
            Assert.That(retried, Does.Contain("attempt 1: inconclusive").And.Contain("attempt 2: inconclusive"));
            Assert.That(retried, Does.Contain("#1 dhcp.observe [steps] inconclusive"));
            Assert.That(retried, Does.Contain("measurement dut-packets = 0 packets low 1: fail"));
            Assert.That(retried, Does.Contain("evidence evidence/int-mud-url/attempt-2/001-dhcp.observe.pcap sha256 "));
            Assert.That(typical.TestCase("int-mud-file").Element("system-out")!.Value, Does.Contain("attempt 1: error - interrupted: the attempt did not end (interrupted)"));
        });

        var failure = typical.TestCase("sbd-declared-services").Element("failure")!.Value;
        Assert.That(failure, Does.Contain("net.scan").And.Contain("expected: open ports within the declared set {443/tcp}").And.Contain("observed: 23/tcp open telnet"));
    }

    [Test]
    public void Hostile_text_is_escaped_and_characters_xml_forbids_are_shown_as_escapes()
    {
        var failure = hostile.TestCase("sbd-declared-services").Element("failure")!;
        var message = (string)failure.Attribute("message")!;
        Assert.Multiple(() =>
        {
            Assert.That(message, Does.Contain(Hostile.Script).And.Contain("{{ 7*7 }}").And.Contain("{% raw %}"));
            Assert.That(message, Does.Contain("\\x1B[31mRED\\x1B[0m").And.Contain("NUL:\\x00:").And.Contain("BEL:\\x07:"));
            Assert.That(message, Does.Contain("LONE:\\uD800:").And.Contain("\\u202Eevil"));
            Assert.That(hostile.JunitText, Does.Contain("&lt;script&gt;").And.Not.Contain("<script"));
            Assert.That(hostile.JunitText.Any(c => c < 0x20 && c is not '\n' and not '\t'), Is.False);
            Assert.That(hostile.JunitText.Any(char.IsSurrogate), Is.False);
        });
    }

    [Test]
    public void A_megabyte_of_device_output_is_clipped_in_junit()
    {
        Assert.That(hostile.JunitText, Does.Not.Contain("THE-END"));
        Assert.That(hostile.JunitText.Length, Is.LessThan(300_000));
        Assert.That(hostile.TestCase("sbd-declared-services").Element("failure")!.Value, Does.Contain("more characters, see report.html"));
    }

    private static int Int(XElement e, string attribute) => int.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
