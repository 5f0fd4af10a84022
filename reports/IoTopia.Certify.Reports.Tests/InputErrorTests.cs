using System.Text;
using IoTopia.Certify.Reports.Tests.Samples;

namespace IoTopia.Certify.Reports.Tests;

[TestFixture]
public sealed class InputErrorTests
{
    [Test]
    public void A_missing_results_json_is_named()
    {
        using var folder = new TempRunFolder();
        var e = Assert.ThrowsAsync<ReportInputException>(() => ReportRenderer.RenderAllAsync(folder.Path, CancellationToken.None));
        Assert.That(e!.Message, Does.Contain(folder.File("results.json")).And.Contain("not found"));
        Assert.That(Directory.GetFiles(folder.Path), Is.Empty, "nothing is written");
    }

    [Test]
    public void A_missing_run_folder_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-run-" + Guid.NewGuid().ToString("N"));
        var e = Assert.ThrowsAsync<ReportInputException>(() => ReportRenderer.RenderAllAsync(missing, CancellationToken.None));
        Assert.That(e!.Message, Does.Contain(missing));
    }

    [TestCase("", "is empty")]
    [TestCase("{\"schemaVersion\": 1, \"run\": {", "is not valid JSON at line 1")]
    [TestCase("{\n\"schemaVersion\": 1,\n\"run\": {} oops }", "is not valid JSON at line 3")]
    [TestCase("[1, 2]", "the top level must be an object, not an array")]
    [TestCase("{\"schemaVersion\": 2, \"run\": {}, \"scenarios\": [], \"requirements\": []}", "schemaVersion 2 is not supported (expected 1)")]
    [TestCase("{\"run\": {}, \"scenarios\": [], \"requirements\": []}", "$.schemaVersion is missing")]
    [TestCase("{\"schemaVersion\": 1, \"scenarios\": [], \"requirements\": []}", "$.run is missing")]
    [TestCase("{\"schemaVersion\": 1, \"run\": {}, \"scenarios\": {}, \"requirements\": []}", "$.scenarios must be an array, not an object")]
    [TestCase("{\"schemaVersion\": 1, \"run\": {}, \"scenarios\": [{\"attempts\": [{\"steps\": [3]}]}], \"requirements\": []}", "$.scenarios[0].attempts[0].steps[0] must be an object, not a number")]
    [TestCase("{\"schemaVersion\": 1, \"run\": {\"dut\": \"x\"}, \"scenarios\": [], \"requirements\": []}", "$.run.dut must be an object, not a string")]
    public void A_malformed_results_json_is_a_clear_error_naming_the_file(string content, string expected)
    {
        using var folder = new TempRunFolder();
        File.WriteAllText(folder.File("results.json"), content);
        var e = Assert.ThrowsAsync<ReportInputException>(() => ReportRenderer.RenderAllAsync(folder.Path, CancellationToken.None));
        Assert.That(e!.Message, Does.StartWith(folder.File("results.json") + ": ").And.Contain(expected));
        Assert.That(Directory.GetFiles(folder.Path), Has.Length.EqualTo(1), "nothing is written");
    }

    [Test]
    public void A_minimal_run_renders()
    {
        using var folder = new TempRunFolder();
        File.WriteAllText(folder.File("results.json"), "{\"schemaVersion\": 1, \"run\": {\"id\": \"r1\"}, \"scenarios\": [], \"requirements\": []}");
        Assert.DoesNotThrowAsync(() => ReportRenderer.RenderAllAsync(folder.Path, CancellationToken.None));
        Assert.That(File.ReadAllText(folder.File("report.html")), Does.Contain("No scenarios in this run."));
        Assert.That(File.ReadAllText(folder.File("report.md")), Does.Contain("No scenarios in this run."));
        Assert.That(File.ReadAllText(folder.File("junit.xml")), Does.Contain("tests=\"0\""));
    }

    [Test]
    public void Invalid_utf8_and_a_byte_order_mark_are_tolerated()
    {
        using var folder = new TempRunFolder();
        var json = "{\"schemaVersion\": 1, \"run\": {\"id\": \"r1\", \"dut\": {\"model\": \"X@Y\"}}, \"scenarios\": [], \"requirements\": []}";
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(json)).ToArray();
        bytes[Array.IndexOf(bytes, (byte)'@')] = 0xFF;
        File.WriteAllBytes(folder.File("results.json"), bytes);
        Assert.DoesNotThrowAsync(() => ReportRenderer.RenderAllAsync(folder.Path, CancellationToken.None));
        Assert.That(File.ReadAllText(folder.File("report.md")), Does.Contain("DUT X\uFFFDY"));
    }

    [Test]
    public void Rendering_replaces_reports_atomically_and_leaves_no_temporary_files()
    {
        using var folder = new TempRunFolder();
        SampleRun.WriteTypical(folder.Path);
        File.WriteAllText(folder.File("report.html"), "old");
        ReportRenderer.RenderAllAsync(folder.Path, CancellationToken.None).GetAwaiter().GetResult();
        var first = File.ReadAllText(folder.File("report.html"));
        ReportRenderer.RenderAllAsync(folder.Path, CancellationToken.None).GetAwaiter().GetResult();

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.StartWith("<!DOCTYPE html>"));
            Assert.That(File.ReadAllText(folder.File("report.html")), Is.EqualTo(first), "rendering is deterministic");
            Assert.That(Directory.GetFiles(folder.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "results.json", "report.html", "report.md", "junit.xml" }));
        });
    }
}
