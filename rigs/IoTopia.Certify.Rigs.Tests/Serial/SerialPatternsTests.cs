using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Tests.Serial;

[TestFixture]
public sealed class SerialPatternsTests
{
    // Found by fuzzing: a 2.5 MB literal pattern took 600 MiB and seconds to build as a non-backtracking regex.
    [Test]
    public void APatternPastTheLimitIsRefusedBeforeItIsBuilt() =>
        Assert.That(SerialPatterns.Problem(new string('A', 2_500_000), "pattern"), Is.EqualTo($"pattern: the pattern is 2500000 characters long; at most {SerialPatterns.MaxLength}"));

    [Test]
    public void APatternAtTheLimitIsUsable() =>
        Assert.That(SerialPatterns.Problem(new string('A', SerialPatterns.MaxLength), "pattern"), Is.Null);
}
