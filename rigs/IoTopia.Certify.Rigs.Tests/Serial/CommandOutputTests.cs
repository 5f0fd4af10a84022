using System.Text;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Tests.Serial;

/// <summary>How serial.run reads a command's output: lines, the echo, whole-line matches, the exit status.</summary>
[TestFixture]
public sealed class CommandOutputTests
{
    private static CommandOutput Of(string command, string received) => CommandOutput.Of(command, Encoding.UTF8.GetBytes(received));

    [Test]
    public void TheEchoIsLeftOutAndLineEndsAreEither()
    {
        var output = Of("nvram get x", "nvram get x\r\nx=1\r\n\r\nlast\n");
        Assert.That(output.Echoed, Is.True);
        Assert.That(output.Lines, Is.EqualTo(new[] { "x=1", "", "last" }));
        var escaped = Of("ls", "\u001b[?2004lls\r\nfile\r\n");
        Assert.That(escaped.Echoed, Is.True, "a line editor's escape sequences around the echo");
        Assert.That(escaped.Lines, Is.EqualTo(new[] { "file" }));
        var silent = Of("ls", "file\r\n");
        Assert.That(silent.Echoed, Is.False);
        Assert.That(silent.Lines, Is.EqualTo(new[] { "file" }));
    }

    [Test]
    public void ARegexMatchesAWholeLineOnly()
    {
        var output = Of("nvram set smoke-marker dirty", "sh: nvram set smoke-marker dirty: not found\r\n");
        Assert.Multiple(() =>
        {
            Assert.That(output.HasMatchingLine(CommandOutput.WholeLine("nvram: committed|ok")), Is.False, "'ok' inside 'smoke-marker'");
            Assert.That(output.HasMatchingLine(CommandOutput.WholeLine("ok|.*not found")), Is.True);
            Assert.That(output.HasLine("ok"), Is.False);
            Assert.That(output.HasLine("sh: nvram set smoke-marker dirty: not found"), Is.True);
        });
    }

    [Test]
    public void TheExitStatusIsTheOneLineThatIsAWholeNumber()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Of("echo $?", "echo $?\r\n0\r\n").ExitStatus(), Is.Zero);
            Assert.That(Of("echo $?", "echo $?\r\n127\r\n").ExitStatus(), Is.EqualTo(127));
            Assert.That(Of("echo $?", "echo $?\r\n[net] up\r\n 1 \r\n").ExitStatus(), Is.EqualTo(1), "a log line beside it");
            Assert.That(Of("echo $?", "echo $?\r\nsh: bad substitution\r\n").ExitStatus(), Is.Null);
            Assert.That(Of("echo $?", "echo $?\r\n0\r\n1\r\n").ExitStatus(), Is.Null, "two numbers: cannot tell");
            Assert.That(Of("echo $?", "echo $?\r\n-1\r\n").ExitStatus(), Is.Null);
        });
    }
}
