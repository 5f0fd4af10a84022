using IoTopia.Certify.Harness.Answers;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Operator;
using IoTopia.Certify.Rigs.Tests.DeviceBench;
using IoTopia.Certify.Rigs.Tests.Restore;

namespace IoTopia.Certify.Rigs.Tests.Operator;

/// <summary>
/// The operator steps with the real terminal operator over a reader and a writer (what is typed, what is shown) and
/// the real answers-file operator over a file.
/// </summary>
public sealed class OperatorStepTests
{
    private static OperatorConfirmStep.Arguments Confirm(OperatorConfirmStep.NoVerdict noMeans, TimeSpan? within = null) => new()
    {
        Key = "reset-led",
        Question = "Hold RESET for 10 s. Did the status LED blink amber?",
        NoMeans = noMeans,
        Within = within ?? TimeSpan.FromSeconds(10),
    };

    private static OperatorPromptStep.Arguments Prompt(string key = "label-serial", string? pattern = null, string? mustEqual = null, TimeSpan? within = null) => new()
    {
        Key = key,
        Question = "Read the serial number printed on the DUT's label.",
        Pattern = pattern,
        MustEqual = mustEqual,
        Within = within ?? TimeSpan.FromSeconds(10),
    };

    private static (StepHost Host, StringWriter Shown) Terminal(TextReader typed)
    {
        var host = StepHost.Create(new BenchRig("operator"), RigSteps.Registry, scenarioId: "bench.operator");
        var shown = new StringWriter();
        host.Run.Rig.Drivers.Add(new TerminalOperator(typed, shown, _ => Task.FromResult<IDisposable>(new Free())), "operator terminal");
        return (host, shown);
    }

    [Test]
    public async Task AConfirmationPassesOnYesAndRecordsTheQuestionTheAnswerAndTheTimes()
    {
        var (host, shown) = Terminal(new StringReader("yes\n"));
        await using var _ = host;

        var step = await host.RunStepAsync("operator.confirm", Confirm(OperatorConfirmStep.NoVerdict.Fail));

        Assert.That(step.Verdict, Is.EqualTo(Verdict.Pass), step.Reason);
        Assert.That(shown.ToString(), Does.Contain("Hold RESET for 10 s. Did the status LED blink amber?")
            .And.Contain("Type yes or no and press Enter, by ").And.Contain("UTC (within 10s)").And.Contain("key reset-led"));
        Assert.That((string?)step.Details["answer"], Is.EqualTo("yes"));
        Assert.That((string?)step.Details["source"], Is.EqualTo("terminal"));
        Assert.That(step.Details["asked-at"], Is.Not.Null);
        Assert.That(step.Details["answered-at"], Is.Not.Null);
        var answered = host.Events.OfType<OperatorAnswered>().Single();
        Assert.That((answered.Key, answered.Kind, answered.Answer, answered.Question), Is.EqualTo(("reset-led", "confirm", "yes", Confirm(default).Question)));
        Assert.That(answered.AnsweredAt, Is.GreaterThanOrEqualTo(answered.AskedAt));
        var evidence = File.ReadAllText(Path.Combine(host.Folder.Root, step.Evidence.Single().Path));
        Assert.That(evidence, Does.Contain("answer: yes").And.Contain("question: Hold RESET"));
    }

    [TestCase("no", OperatorConfirmStep.NoVerdict.Fail, Verdict.Fail)]
    [TestCase("N", OperatorConfirmStep.NoVerdict.Fail, Verdict.Fail)]
    [TestCase("no", OperatorConfirmStep.NoVerdict.Error, Verdict.Error)]
    public async Task ANoIsFailOrErrorAsTheSuiteSays(string typed, OperatorConfirmStep.NoVerdict noMeans, Verdict expected)
    {
        var (host, _) = Terminal(new StringReader(typed + "\n"));
        await using var __ = host;

        var step = await host.RunStepAsync("operator.confirm", Confirm(noMeans));

        Assert.That(step.Verdict, Is.EqualTo(expected), step.Reason);
        Assert.That(step.Reason, Does.Contain("the operator answered no"));
    }

    [Test]
    public async Task AnythingButYesOrNoIsAskedAgainAndNeverPasses()
    {
        var (host, shown) = Terminal(new StringReader("yes please\n\nok\nno\n"));
        await using var _ = host;

        var step = await host.RunStepAsync("operator.confirm", Confirm(OperatorConfirmStep.NoVerdict.Fail));

        Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), "'yes please' and 'ok' are no yes; the no that follows decides");
        Assert.That(shown.ToString(), Does.Contain("'yes please' is not one of yes, no, y, n").And.Contain("nothing typed").And.Contain("'ok' is not one of"));
    }

    [Test]
    public async Task NoAnswerByTheDeadlineIsErrorNeverPass()
    {
        using var nobody = new NeverReader();
        var (host, shown) = Terminal(nobody);
        await using var _ = host;

        var confirm = await host.RunStepAsync("operator.confirm", Confirm(OperatorConfirmStep.NoVerdict.Fail, TimeSpan.FromMilliseconds(300)));
        var prompt = await host.RunStepAsync("operator.prompt", Prompt(within: TimeSpan.FromMilliseconds(300)));

        Assert.That(confirm.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(confirm.Reason, Does.StartWith("no answer from the operator: no answer by"));
        Assert.That(prompt.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(shown.ToString(), Does.Contain("the step is error"));
        Assert.That(host.Events.OfType<OperatorAnswered>().Select(a => a.NoAnswer), Has.All.StartsWith("no answer by"));
    }

    [Test]
    public async Task ClosedInputIsErrorNotAnAnswer()
    {
        var (host, _) = Terminal(new StringReader(""));
        await using var __ = host;

        var step = await host.RunStepAsync("operator.prompt", Prompt());

        Assert.That(step.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(step.Reason, Does.Contain("input closed"));
    }

    [TestCase("0042", Verdict.Pass)]
    [TestCase("10042", Verdict.Fail)]
    [TestCase("0042x", Verdict.Fail)]
    [TestCase("SN 0042", Verdict.Fail)]
    public async Task ThePatternMustMatchTheWholeAnswer(string typed, Verdict expected)
    {
        var (host, _) = Terminal(new StringReader(typed + "\n"));
        await using var _ = host;

        var step = await host.RunStepAsync("operator.prompt", Prompt(pattern: "[0-9]{4}"));

        Assert.That(step.Verdict, Is.EqualTo(expected), step.Reason);
        if (expected == Verdict.Fail)
            Assert.That((step.Reason, step.Expected, step.Observed),
                Is.EqualTo(($"the operator's answer '{typed}' does not have the form /[0-9]{{4}}/ (the whole answer must match)", "/[0-9]{4}/ (whole answer)", typed)));
    }

    [Test]
    public async Task AnAnswerThatDiffersFromTheRigFactFailsWithBothValues()
    {
        var (host, _) = Terminal(new StringReader("0043\n"));
        await using var _ = host;

        var step = await host.RunStepAsync("operator.prompt", Prompt(pattern: "[0-9]{4}", mustEqual: "0042"));

        Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That((step.Expected, step.Observed), Is.EqualTo(("0042", "0043")));
        Assert.That(step.Reason, Is.EqualTo("the operator read '0043' where the rig or statement gives '0042'"));
        var evidence = File.ReadAllText(Path.Combine(host.Folder.Root, step.Evidence.Single().Path));
        Assert.That(evidence, Does.Contain("answer: 0043").And.Contain("must-equal: 0042"));
    }

    [Test]
    public async Task ASecretAnswerIsComparedButNeverWritten()
    {
        const string secret = "hunter2-wifi";
        var (host, _) = Terminal(new StringReader(secret + "\n" + "wrong-wifi\n"));
        await using var _ = host;

        var right = await host.RunStepAsync("operator.prompt", Prompt(key: "wifi-password", mustEqual: secret));
        var wrong = await host.RunStepAsync("operator.prompt", Prompt(key: "wifi-password", mustEqual: secret));

        Assert.That(right.Verdict, Is.EqualTo(Verdict.Pass), right.Reason);
        Assert.That(wrong.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(host.Events.OfType<OperatorAnswered>().Select(a => (a.Answer, a.Secret)), Is.All.EqualTo(((string?)null, true)));
        var written = File.ReadAllText(host.Folder.Journal)
                      + string.Concat(new[] { right, wrong }.SelectMany(s => s.Evidence).Select(e => File.ReadAllText(Path.Combine(host.Folder.Root, e.Path))));
        Assert.That(written, Does.Not.Contain("hunter2").And.Not.Contain("wrong-wifi"));
        Assert.That(written, Does.Contain("(secret)"));
    }

    [Test]
    public async Task WithoutAnOperatorTheStepIsError()
    {
        await using var host = StepHost.Create(new BenchRig(), RigSteps.Registry);

        var step = await host.RunStepAsync("operator.confirm", Confirm(OperatorConfirmStep.NoVerdict.Fail));

        Assert.That(step.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(step.Reason, Does.Contain("the run has no operator"));
    }

    [Test]
    public async Task TheAnswersFileAnswersUnderTheScenarioAndKey()
    {
        using var temp = new TempFolder();
        var file = temp.Write("answers.yaml", """
            answers:
              bench.operator:
                reset-led: yes
                label-serial: "0042"
            """);
        await using var host = StepHost.Create(new BenchRig("operator"), RigSteps.Registry, scenarioId: "bench.operator");
        host.Run.Rig.Drivers.Add(new AnswersFileOperator(AnswersLoader.Load(file)), "operator answers-file");

        var confirm = await host.RunStepAsync("operator.confirm", Confirm(OperatorConfirmStep.NoVerdict.Fail));
        var prompt = await host.RunStepAsync("operator.prompt", Prompt(pattern: "[0-9]{4}", mustEqual: "0042"));

        Assert.That((confirm.Verdict, prompt.Verdict), Is.EqualTo((Verdict.Pass, Verdict.Pass)), confirm.Reason + prompt.Reason);
        Assert.That((string?)prompt.Details["source"], Is.EqualTo($"answers file {file}:4:19"));
    }

    private sealed class Free : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
