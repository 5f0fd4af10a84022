using IoTopia.Certify.Harness.Text;

namespace IoTopia.Certify.Harness.Tests.Records;

[TestFixture]
public sealed class DeviceTextTests
{
    [Test]
    public void TerminalTextLosesEscapesAndShowsControls() =>
        Assert.That(DeviceText.ForTerminal("a\u001b[31mred\u001b[0m\u0000b\u001b]0;title\u0007c\nd"), Is.EqualTo("ared\\x00bc\\nd"));

    [Test]
    public void InvalidUtf8AndLoneSurrogatesBecomeReplacementCharacters()
    {
        Assert.That(DeviceText.Decode([0x41, 0xC3, 0x28, 0xFF]), Is.EqualTo("A\uFFFD(\uFFFD"));
        Assert.That(DeviceText.Clip("x\uD800y"), Is.EqualTo("x\uFFFDy"));
    }

    [Test]
    public void LongTextIsClippedWithANote()
    {
        var clipped = DeviceText.Clip(new string('A', 1_000_000), 100);
        Assert.That(clipped, Does.StartWith(new string('A', 100) + "…").And.Contain("999900 more characters"));
    }
}
