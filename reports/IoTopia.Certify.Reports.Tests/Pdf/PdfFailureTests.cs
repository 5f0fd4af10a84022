using IoTopia.Certify.Reports.Pdf;
using IoTopia.Certify.Reports.Tests.Samples;

namespace IoTopia.Certify.Reports.Tests.Pdf;

/// <summary>
/// A browser that is missing, fails, writes nothing or hangs: the outcome says why, no report.pdf is left (not even
/// an older one), and a hanging browser is killed with its children and reaped at its deadline.
/// </summary>
[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PdfFailureTests
{
    private TempRunFolder folder = null!;

    [SetUp]
    public async Task ARenderedRunWithAStalePdf()
    {
        folder = new TempRunFolder();
        SampleRun.WriteTypical(folder.Path);
        await ReportRenderer.RenderAllAsync(folder.Path, CancellationToken.None);
        await File.WriteAllTextAsync(folder.File("report.pdf"), "%PDF-1.4 printed from an older report.html");
    }

    [TearDown]
    public void CleanUp() => folder.Dispose();

    [Test]
    public async Task A_missing_browser_is_named_and_leaves_no_pdf()
    {
        var observer = new RecordingObserver();
        var missing = Path.Combine(folder.Path, "no-such-chromium");

        var outcome = await PdfReport.PrintAsync(folder.Path, new ChromiumOptions { Executable = missing }, observer, CancellationToken.None);

        Assert.That(outcome.Printed, Is.False);
        Assert.That(outcome.Reason, Is.EqualTo($"chromium not found: {missing} does not exist"));
        Assert.That(File.Exists(folder.File("report.pdf")), Is.False, "the stale report.pdf is removed");
        Assert.That(observer.Starts, Is.Empty, "nothing was started");
    }

    [Test]
    public async Task A_browser_that_fails_is_reported_with_its_exit_code()
    {
        var observer = new RecordingObserver();

        var outcome = await PdfReport.PrintAsync(folder.Path, new ChromiumOptions { Executable = "/bin/false" }, observer, CancellationToken.None);

        Assert.That(outcome.Printed, Is.False);
        Assert.That(outcome.Reason, Does.StartWith("chromium exited with code 1"));
        Assert.That(File.Exists(folder.File("report.pdf")), Is.False);
        Assert.That(observer.Ends, Is.EqualTo(new[] { (observer.Starts.Single().Pid, (int?)1, false) }));
        Assert.That(Directory.Exists(observer.Profile), Is.False);
    }

    [Test]
    public async Task A_browser_that_exits_0_without_a_pdf_is_not_taken_at_its_word()
    {
        var outcome = await PdfReport.PrintAsync(folder.Path, new ChromiumOptions { Executable = "/bin/true" }, null, CancellationToken.None);

        Assert.That(outcome.Printed, Is.False);
        Assert.That(outcome.Reason, Does.StartWith("chromium exited with code 0 but wrote no PDF"));
        Assert.That(File.Exists(folder.File("report.pdf")), Is.False);
    }

    [Test]
    public async Task A_pdf_cut_off_before_its_trailer_is_not_recorded_as_printed()
    {
        // what a full disk leaves: the browser exits 0 and the file holds the PDF's start only
        var browser = folder.File("truncating-browser");
        await File.WriteAllTextAsync(browser, """
            #!/bin/sh
            for a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1.7\n1 0 obj\n<< /Type /Catalog' > "${a#--print-to-pdf=}";; esac; done
            exit 0
            """);
        File.SetUnixFileMode(browser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var outcome = await PdfReport.PrintAsync(folder.Path, new ChromiumOptions { Executable = browser }, null, CancellationToken.None);

        Assert.That(outcome.Printed, Is.False);
        Assert.That(outcome.Reason, Does.StartWith("chromium wrote an incomplete PDF"));
        Assert.That(File.Exists(folder.File("report.pdf")), Is.False);
    }

    [Test]
    public async Task Without_report_html_nothing_is_started()
    {
        File.Delete(folder.File("report.html"));
        var observer = new RecordingObserver();

        var outcome = await PdfReport.PrintAsync(folder.Path, new ChromiumOptions { Executable = "/bin/true" }, observer, CancellationToken.None);

        Assert.That(outcome.Printed, Is.False);
        Assert.That(outcome.Reason, Does.Contain("report.html: not found"));
        Assert.That(observer.Starts, Is.Empty);
        Assert.That(File.Exists(folder.File("report.pdf")), Is.False);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_hanging_browser_is_killed_with_its_children_and_reaped_at_the_deadline(CancellationToken ct)
    {
        Chromium.RequireInstalled();
        // a page whose script never returns: the real Chromium never finishes loading it, so it never prints
        await File.WriteAllTextAsync(folder.File("report.html"), "<!DOCTYPE html><p>before</p><script>for (;;) {}</script><p>after</p>", ct);
        var observer = new RecordingObserver();

        var outcome = await PdfReport.PrintAsync(folder.Path, new ChromiumOptions { Deadline = TimeSpan.FromSeconds(3) }, observer, ct);

        Assert.That(outcome.Printed, Is.False);
        Assert.That(outcome.Reason, Is.EqualTo("chromium did not finish printing within 3 s; killed and reaped"));
        Assert.That(outcome.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the deadline held");
        var (pid, exitCode, killed) = observer.Ends.Single();
        Assert.That(pid, Is.EqualTo(observer.Starts.Single().Pid));
        Assert.That(killed, Is.True);
        Assert.That(exitCode, Is.Not.Null, "reaped");
        Assert.That(Directory.Exists($"/proc/{pid}"), Is.False, "the browser is gone, not a zombie");
        Assert.That(Chromium.AnyProcessMentions(observer.Profile), Is.False, "none of its children is left");
        Assert.That(Directory.Exists(observer.Profile), Is.False, "the throw-away profile is gone");
        Assert.That(File.Exists(folder.File("report.pdf")), Is.False);
        Assert.That(Directory.GetFiles(folder.Path, "*.tmp"), Is.Empty, "no half-written PDF left");
    }
}
