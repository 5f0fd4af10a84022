using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Tests.Support;

namespace IoTopia.Certify.Harness.Tests.Loading;

/// <summary>Durations are range-checked when read (at most 168h), so a suite cannot ask for a deadline the run cannot arm.</summary>
[TestFixture]
public sealed class DurationTests
{
    [TestCase("500ms", 500)]
    [TestCase("2s", 2000)]
    [TestCase("1.5m", 90_000)]
    [TestCase("168h", 604_800_000)]
    [TestCase("604800", 604_800_000)]
    [TestCase("0s", 0)]
    public void InRange(string text, double milliseconds)
    {
        Assert.That(Duration.TryParse(text, out var value), Is.True);
        Assert.That(value.TotalMilliseconds, Is.EqualTo(milliseconds));
    }

    [TestCase("99999999999999999999s")]
    [TestCase("922337203685s")]
    [TestCase("168.001h")]
    [TestCase("604801")]
    [TestCase("10081m")]
    [TestCase("1e3s")]
    [TestCase("-1s")]
    [TestCase("s")]
    public void OutOfRangeOrMalformedIsRefusedWithoutThrowing(string text) =>
        Assert.That(Duration.TryParse(text, out _), Is.False);

    [Test]
    public void ANumberTooLongForADoubleIsRefused() =>
        Assert.That(Duration.TryParse(new string('9', 400) + "ms", out _), Is.False);

    [Test]
    public void TheMaximumIsSevenDays() => Assert.That(Duration.Max, Is.EqualTo(TimeSpan.FromDays(7)));

    private static string LoadError(string yaml)
    {
        using var temp = new TempFolder();
        var file = temp.Write("suite.yaml", yaml);
        var e = Assert.Throws<InputException>(() => new SuiteLoader(StepRegistry.Default).Load([file], new Dictionary<string, string>()))!;
        return e.Message.Replace(file, "FILE");
    }

    [Test]
    public void AScenarioTimeoutPastTheMaximumIsNamedWithItsLine() =>
        Assert.That(LoadError("scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    timeout: 922337203685s\n    steps: [wait]\n"),
            Does.Contain("FILE:5:14: timeout: expected a duration such as 500ms, 30s, 5m, 2h (at most 168h), longer than 0; got '922337203685s'"));

    [Test]
    public void AStepArgumentPastTheMaximumIsNamedWithItsLine() =>
        Assert.That(LoadError("scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    steps:\n      - wait: 99999999999999999999s\n"),
            Does.Contain("FILE:6:15: steps[0].wait: expected a duration such as 500ms, 30s, 5m, 2h (at most 168h), got '99999999999999999999s'"));

    [Test]
    public void AStepTimeoutPastTheMaximumIsNamedWithItsLine() =>
        Assert.That(LoadError("scenarios:\n  - id: a\n    title: t\n    kind: rig-check\n    steps:\n      - wait: 1s\n        timeout: 169h\n"),
            Does.Contain("FILE:7:18: steps[0].timeout: expected a duration"));
}
