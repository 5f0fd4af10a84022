using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Engine;

/// <summary>
/// One writer per run folder: two resumes started at once never both write (no interleaved journal lines, one
/// run-resumed event), and a resume of a run that is still running refuses before touching anything — the live
/// run's journal and child process are left alone and it finishes as it would have.
/// </summary>
[TestFixture]
public sealed class OneWriterTests
{
    private const int Tries = 20;
    private static readonly Dictionary<string, string> NoBrowser = new() { ["CERTIFY_CHROMIUM"] = "/nonexistent/chromium" };

    private TempFolder _temp = null!;
    private string _suite = null!;

    [OneTimeSetUp]
    public void CopyTheSuite()
    {
        _temp = new TempFolder();
        _suite = Path.Combine(_temp.Path, "resume.yaml");
        File.Copy(TestSuites.File("resume.yaml"), _suite);
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp.Dispose();

    private string[] RunArgs(string name, string wait) =>
        ["run", "--rig", TestSuites.InProcessRig, "--suite", _suite, "--seed", "11", "--param", $"marker={_temp.Write(name + ".marker", "")}",
         "--param", $"long={wait}", "--out", _temp.Sub(name)];

    private async Task<string> KilledRunAsync(string name)
    {
        var run = _temp.Sub(name);
        var journal = Path.Combine(run, "journal.jsonl");
        using var harness = CertifyProgram.Start(RunArgs(name, "500ms"), NoBrowser);
        await Poll.UntilAsync(() => LiveJournal.Events(journal).Any(e => (string?)e["type"] == "scenario-started"), TimeSpan.FromSeconds(60), "the first scenario");
        harness.Kill(entireProcessTree: true);
        await harness.WaitForExitAsync();
        return run;
    }

    [Test]
    public async Task TwoResumesAtOnceNeverBothWrite()
    {
        var original = await KilledRunAsync("killed");
        for (var i = 0; i < Tries; i++)
        {
            var run = _temp.Sub($"race-{i}");
            CopyFolder(original, run);
            var both = await Task.WhenAll(
                CertifyProgram.RunAsync(["resume", run], TimeSpan.FromSeconds(120), NoBrowser),
                CertifyProgram.RunAsync(["resume", run], TimeSpan.FromSeconds(120), NoBrowser));
            var finished = both.Where(r => r.ExitCode == 1).ToList();
            var refused = both.Where(r => r.ExitCode == 3).ToList();
            Assert.That(finished, Has.Count.EqualTo(1), $"try {i}: exactly one resume finishes the run\n{both[0]}\n{both[1]}");
            Assert.That(refused, Has.Count.EqualTo(1), $"try {i}: the other refuses");
            Assert.That(refused[0].Stderr, Does.Contain("being written by another certify process").Or.Contain("already ended and is sealed"));

            var events = LiveJournal.Events(Path.Combine(run, "journal.jsonl"));
            Assert.That(events.Count(e => (string?)e["type"] == "run-resumed"), Is.EqualTo(1), $"try {i}: one writer resumed");
            Assert.That(File.ReadAllLines(Path.Combine(run, "journal.jsonl")), Has.Length.EqualTo(events.Count), $"try {i}: no torn or interleaved line");
            var verify = await CertifyProgram.RunAsync("verify", run);
            Assert.That(verify.ExitCode, Is.Zero, $"try {i}: {verify}");
        }
    }

    [Test]
    public async Task AResumeOfALiveRunRefusesAndTouchesNothing()
    {
        var run = _temp.Sub("live");
        var journal = Path.Combine(run, "journal.jsonl");
        // long enough for the 20 refused resumes even on a loaded machine (each starts the CLI)
        using var harness = CertifyProgram.Start(RunArgs("live", "60s"), NoBrowser);
        await Poll.UntilAsync(() => LiveJournal.Events(journal).Any(e => (string?)e["type"] == "step-started" && (string?)e["name"] == "wait"),
            TimeSpan.FromSeconds(60), "the live run's long wait");
        var child = (int)LiveJournal.Events(journal).First(e => (string?)e["type"] == "process-started")["pid"]!;
        var before = File.ReadAllBytes(journal);

        for (var i = 0; i < Tries; i++)
        {
            Assert.That(LiveJournal.Events(journal).Any(e => (string?)e["type"] == "step-ended" && (string?)e["step"]?["name"] == "wait"), Is.False,
                $"try {i}: the live run's wait ended before the tries did (the machine is too slow for this test)");
            var resume = await CertifyProgram.RunAsync(["resume", run], TimeSpan.FromSeconds(30), NoBrowser);
            Assert.That(resume.ExitCode, Is.EqualTo(3), $"try {i}: {resume}");
            Assert.That(resume.Stderr, Does.Contain("being written by another certify process (pid "));
        }
        Assert.That(File.ReadAllBytes(journal), Is.EqualTo(before), "no refused resume wrote to the journal");
        Assert.That(LinuxProcess.IsAlive(child), Is.True, "no refused resume reaped the live run's child");

        var live = await CertifyProgram.CollectAsync(harness, TimeSpan.FromSeconds(120));
        Assert.That(live.ExitCode, Is.EqualTo(1), live.ToString());
        Assert.That(new RunFolderReader(run).Verdict("r.second"), Is.EqualTo("pass"));
        var verify = await CertifyProgram.RunAsync("verify", run);
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
