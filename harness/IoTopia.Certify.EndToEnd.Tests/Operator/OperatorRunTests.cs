using System.Diagnostics;
using System.Text.Json.Nodes;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Operator;

/// <summary>
/// The operator steps through the built program: under a real pseudo-terminal with a person typing (Python's pty
/// module plays the operator), in CI (skipped, capability-missing), and with an answers file (pass, a wrong answer
/// fails the right step, a pattern that would match inside a longer answer does not pass, a bad file is exit 3).
/// </summary>
public sealed class OperatorRunTests
{
    private static readonly string Here = RepoRoot.Combine("harness", "IoTopia.Certify.EndToEnd.Tests", "Operator");
    private static readonly string Suite = Path.Combine(Here, "operator.yaml");

    private static string[] Run(TempFolder temp, params string[] more) =>
        ["run", "--rig", TestSuites.InProcessRig, "--suite", Suite, "--out", temp.Sub("run"), .. more];

    private static JsonObject Step(RunFolderReader run, string scenario) =>
        run.Attempts(scenario)[^1]!["steps"]!.AsArray().Single()!.AsObject();

    [Test]
    public async Task InCiWithoutAnswersTheOperatorScenariosAreSkippedForTheMissingCapability()
    {
        using var temp = new TempFolder();

        var result = await CertifyProgram.RunAsync(Run(temp), TimeSpan.FromSeconds(60));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        foreach (var id in new[] { "operator.label-serial", "operator.reset-button" })
        {
            Assert.That((run.Verdict(id), (string?)run.Scenario(id)["skipReason"]), Is.EqualTo(("skipped", "capability-missing")));
            Assert.That(run.Reason(id), Does.Contain("lacks operator"));
        }
        Assert.That(run.Verdict("operator.engine-alive"), Is.EqualTo("pass"));
    }

    [Test]
    public async Task RightAnswersFromAFilePassAndAreRecordedWithTheFileCopiedAndHashed()
    {
        using var temp = new TempFolder();
        var answers = temp.Write("answers.yaml", "answers:\n  operator.label-serial:\n    label-serial: \"0042\"\n  operator.reset-button:\n    reset-led: yes\n");

        var result = await CertifyProgram.RunAsync(Run(temp, "--answers", answers), TimeSpan.FromSeconds(60));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That((run.Verdict("operator.label-serial"), run.Verdict("operator.reset-button")), Is.EqualTo(("pass", "pass")));
        var details = Step(run, "operator.label-serial")["details"]!.AsObject();
        Assert.That(((string?)details["answer"], (string?)details["source"], (string?)details["must-equal"]),
            Is.EqualTo(("0042", $"answers file {answers}:3:19", "0042")));
        var input = run.Results["run"]!["inputs"]!.AsArray().Single(i => (string?)i!["role"] == "answers")!;
        Assert.That(File.ReadAllText(Path.Combine(run.Root, (string)input["copy"]!)), Is.EqualTo(File.ReadAllText(answers)));
        Assert.That(run.JournalEvents().Where(e => (string?)e["type"] == "operator-answered").Select(e => (string?)e["key"]),
            Is.EquivalentTo(new[] { "label-serial", "reset-led" }));
    }

    [TestCase("0043", "yes", "operator.label-serial", "the operator read '0043' where the rig or statement gives '0042'")]
    [TestCase("10042", "yes", "operator.label-serial", "does not have the form /[0-9]{4}/ (the whole answer must match)")]
    [TestCase("0042", "no", "operator.reset-button", "the operator answered no: Hold RESET for 10 s. Did the status LED blink amber?")]
    public async Task AWrongAnswerFailsTheStepThatAskedForIt(string serial, string led, string failing, string reason)
    {
        using var temp = new TempFolder();
        var answers = temp.Write("answers.yaml", $"answers:\n  operator.label-serial:\n    label-serial: \"{serial}\"\n  operator.reset-button:\n    reset-led: {led}\n");

        var result = await CertifyProgram.RunAsync(Run(temp, "--answers", answers), TimeSpan.FromSeconds(60));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That(run.Verdict(failing), Is.EqualTo("fail"));
        Assert.That((string?)Step(run, failing)["reason"], Does.Contain(reason));
        var other = failing == "operator.label-serial" ? "operator.reset-button" : "operator.label-serial";
        Assert.That(run.Verdict(other), Is.EqualTo("pass"), "only the step given the wrong answer fails");
    }

    [Test]
    public async Task AnAnswerIsEscapedInTheReportsLikeDeviceText()
    {
        using var temp = new TempFolder();
        const string hostile = "<script>alert(1)</script>";
        var answers = temp.Write("answers.yaml", $"answers:\n  operator.label-serial:\n    label-serial: \"{hostile}\"\n  operator.reset-button:\n    reset-led: yes\n");

        var result = await CertifyProgram.RunAsync(Run(temp, "--answers", answers), TimeSpan.FromSeconds(60));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var html = File.ReadAllText(Path.Combine(temp.Sub("run"), "report.html"));
        Assert.That(html, Does.Not.Contain(hostile));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"), "the answer is shown, escaped");
    }

    [Test]
    public async Task AnAnswersFileWithAnUnknownKeyOrAMissingAnswerIsBadInputAtItsLine()
    {
        using var temp = new TempFolder();
        var typo = temp.Write("typo.yaml", "answers:\n  operator.label-serial:\n    label-serail: \"0042\"\n  operator.reset-button:\n    reset-led: yes\n");
        var missing = temp.Write("missing.yaml", "answers:\n  operator.reset-button:\n    reset-led: yes\n");

        var bad = await CertifyProgram.RunAsync(Run(temp, "--answers", typo), TimeSpan.FromSeconds(60));
        var short_ = await CertifyProgram.RunAsync(Run(temp, "--answers", missing), TimeSpan.FromSeconds(60));

        Assert.That(bad.ExitCode, Is.EqualTo(3), bad.ToString());
        Assert.That(bad.Stderr, Does.Contain($"{typo}:3:19: answers.operator.label-serial.label-serail: scenario operator.label-serial asks no question with the key 'label-serail'"));
        Assert.That(short_.ExitCode, Is.EqualTo(3), short_.ToString());
        Assert.That(short_.Stderr, Does.Contain($"{Suite}:13:9: operator.prompt (key label-serial): {missing} gives no answer"));
        Assert.That(Directory.Exists(temp.Sub("run")), Is.False, "nothing ran");
    }

    [Test]
    public async Task AtARealTerminalTheOperatorIsAskedAndTypesTheAnswers()
    {
        using var temp = new TempFolder();

        var result = await UnderPtyAsync(temp, Run(temp),
            "--expect", "Read the serial number printed on the DUT's label.", "--expect", "> ", "--send", "0042",
            "--expect", "Type yes or no and press Enter", "--send", "maybe",
            "--expect", "'maybe' is not one of yes, no, y, n", "--send", "yes");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("certify: the operator's turn (operator.label-serial, step 001, key label-serial)")
            .And.Contain("Type the value (the whole of it must match /[0-9]{4}/) and press Enter, by ").And.Contain("UTC (within 60s)"));
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That((run.Verdict("operator.label-serial"), run.Verdict("operator.reset-button")), Is.EqualTo(("pass", "pass")));
        Assert.That((string?)Step(run, "operator.reset-button")["details"]!["source"], Is.EqualTo("terminal"));
    }

    [Test]
    public async Task AtARealTerminalNoAnswerInTimeIsError()
    {
        using var temp = new TempFolder();

        var result = await UnderPtyAsync(temp, Run(temp, "--filter", "operator.reset-button", "--param", "answer-within=2s"),
            "--expect", "Type yes or no", "--expect", "the step is error");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That(run.Verdict("operator.reset-button"), Is.EqualTo("error"));
        Assert.That((string?)Step(run, "operator.reset-button")["reason"], Does.StartWith("no answer from the operator: no answer by"));
    }

    [Test]
    public async Task AResumedRunTakesTheRecordedValueFromTheJournalAndAsksForTheActionAgain()
    {
        using var temp = new TempFolder();
        var suite = Path.Combine(Here, "operator-resume.yaml");
        string[] run = ["run", "--rig", TestSuites.InProcessRig, "--suite", suite, "--out", temp.Sub("run")];

        var killed = await UnderPtyAsync(temp, run,
            "--expect", "Read the serial number printed on the DUT's label.", "--expect", "> ", "--send", "0042",
            "--expect", "Type yes or no and press Enter", "--kill", "now");
        var resumed = await UnderPtyAsync(temp, ["resume", temp.Sub("run")],
            "--expect", "Type yes or no and press Enter", "--send", "yes");

        Assert.That(killed.ExitCode, Is.EqualTo(128 + 9), killed.ToString());
        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
        Assert.That(resumed.Stdout, Does.Not.Contain("Read the serial number"), "the value was recorded: not asked again");
        var folder = new RunFolderReader(temp.Sub("run"));
        Assert.That(folder.Verdict("operator.read-then-act"), Is.EqualTo("pass"));
        var steps = folder.Attempts("operator.read-then-act")[^1]!["steps"]!.AsArray().Select(x => x!["details"]!["source"]!.GetValue<string>()).ToList();
        Assert.That(steps[0], Does.StartWith("journal (answered at ").And.Contain("from the terminal"));
        Assert.That(steps[1], Is.EqualTo("terminal"), "the bench action is done again in the new attempt");
    }

    /// <summary>The built program under a pseudo-terminal (TERM set, CI unset: the live view and the terminal operator), played by pty_operator.py.</summary>
    private static async Task<ProgramResult> UnderPtyAsync(TempFolder temp, string[] certifyArgs, params string[] script)
    {
        var python = ExternalProgram.Require("python3", "python3");
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot.Path,
        };
        foreach (var a in (string[])[Path.Combine(Here, "pty_operator.py"), "90", .. script, "--", "dotnet", BuiltPrograms.CliDll, .. certifyArgs])
            info.ArgumentList.Add(a);
        info.Environment.Remove("CI");
        info.Environment["TERM"] = "xterm";
        info.Environment["CERTIFY_ROOT"] = RepoRoot.Path;
        using var process = Process.Start(info)!;
        return await ExternalProgram.CollectAsync(process, TimeSpan.FromSeconds(120));
    }
}
