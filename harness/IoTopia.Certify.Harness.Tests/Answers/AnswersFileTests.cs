using IoTopia.Certify.Harness.Answers;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Tests.Answers;

/// <summary>An answers file is untrusted input: every problem at file:line, and checked against the suite and plan before a run.</summary>
public sealed class AnswersFileTests
{
    private sealed class Question(string key, IReadOnlyList<string>? choices = null) : IOperatorQuestion
    {
        public string Key { get; } = key;
        public IReadOnlyList<string>? Choices { get; } = choices;
    }

    private static readonly SourceLocation SuiteLine = new("suite.yaml", 12, 9);

    private static Suite SuiteAsking(string scenarioId, params IOperatorQuestion[] questions) => new(
        [new Scenario
        {
            Id = scenarioId, Title = scenarioId, Location = new SourceLocation("suite.yaml", 3, 5),
            Steps = [.. questions.Select(q => new StepCall(q.Choices is null ? "operator.prompt" : "operator.confirm", q, null, SuiteLine))],
        }], ["suite.yaml"]);

    private static PlannedScenario Planned(string id, SkipReason? skip = null) =>
        new() { Id = id, Title = id, Kind = ScenarioKind.RigCheck, Requirements = [], Skip = skip };

    [Test]
    public void AGoodFileGivesEachAnswerWithItsLineAndWhetherItIsSecret()
    {
        using var temp = new TempFolder();
        var file = temp.Write("answers.yaml", """
            answers:
              bench.label:
                label-serial: " 0042 "
                wifi-password: hunter2-wifi
                pin: !secret 913375
            """);

        var answers = AnswersLoader.Load(file);

        Assert.That(answers.Find("bench.label", "label-serial"), Is.EqualTo(new FileAnswer("0042", new SourceLocation(file, 3, 19), false)));
        Assert.That(answers.Find("bench.label", "wifi-password")!.Secret, Is.True, "secret by its key's last word");
        Assert.That(answers.Find("bench.label", "pin")!.Secret, Is.True, "secret by its tag");
        Assert.That(answers.Secrets.Select(s => s.Value), Is.EquivalentTo(new[] { "hunter2-wifi", "913375" }));
        Assert.That(answers.Find("bench.label", "nothing"), Is.Null);
    }

    [TestCase("answer:\n  x: {}\n", "1:1: answer: unknown key")]
    [TestCase("answers: [a, b]\n", "1:10: answers: expected a mapping")]
    [TestCase("answers:\n  s1: yes\n", "2:3: answers.s1: expected a mapping of question keys to answers")]
    [TestCase("answers:\n  s1:\n    Label Serial: x\n", "3:5: answers.s1.Label Serial: a question key is 1–64 lower-case letters")]
    [TestCase("answers:\n  s1:\n    serial: [1, 2]\n", "3:13: answers.s1.serial: expected a single answer, not a list")]
    [TestCase("answers:\n  s1:\n    serial: ''\n", "3:13: answers.s1.serial: the answer is empty")]
    [TestCase("answers:\n  s1:\n    serial: ~\n", "3:13: answers.s1.serial: the answer is empty")]
    [TestCase("answers:\n  s1:\n    a: 1\n    a: 2\n", "4:5: YAML syntax")]
    public void ABadFileIsAnErrorAtItsLine(string yaml, string expected)
    {
        using var temp = new TempFolder();
        var file = temp.Write("answers.yaml", yaml);

        var e = Assert.Throws<InputException>(() => AnswersLoader.Load(file))!;

        Assert.That(e.Message, Does.Contain($"{file}:{expected}"));
    }

    [Test]
    public void UnknownScenariosAndKeysAndWrongKindsOfAnswerAreErrorsAtTheFilesLine()
    {
        using var temp = new TempFolder();
        var file = temp.Write("answers.yaml", """
            answers:
              bench.labl:
                label-serial: "0042"
              bench.label:
                label-serail: "0042"
                reset-led: maybe
                label-serial: "0042"
            """);
        var suite = SuiteAsking("bench.label", new Question("label-serial"), new Question("reset-led", ["yes", "no", "y", "n"]));

        var problems = AnswersCheck.Problems(AnswersLoader.Load(file), suite, [Planned("bench.label")]);

        Assert.That(problems, Is.EqualTo(new[]
        {
            $"{file}:2:3: answers.bench.labl: no loaded scenario has the id 'bench.labl'",
            $"{file}:5:19: answers.bench.label.label-serail: scenario bench.label asks no question with the key 'label-serail' (its keys: label-serial, reset-led)",
            $"{file}:6:16: answers.bench.label.reset-led: 'maybe' does not answer this question; one of yes, no, y, n",
        }));
    }

    [Test]
    public void AQuestionOfAScenarioThatWillRunWithoutAnAnswerIsAnErrorAtTheSuitesLine()
    {
        using var temp = new TempFolder();
        var file = temp.Write("answers.yaml", "answers:\n  bench.label:\n    reset-led: yes\n");
        var suite = SuiteAsking("bench.label", new Question("label-serial"), new Question("reset-led", ["yes", "no", "y", "n"]));

        var running = AnswersCheck.Problems(AnswersLoader.Load(file), suite, [Planned("bench.label")]);
        var filtered = AnswersCheck.Problems(AnswersLoader.Load(file), suite, [Planned("bench.label", SkipReason.Filtered)]);

        Assert.That(running, Is.EqualTo(new[] { $"suite.yaml:12:9: operator.prompt (key label-serial): {file} gives no answer; add answers.bench.label.label-serial" }));
        Assert.That(filtered, Is.Empty, "a scenario that will not run needs no answers");
    }
}
