using System.Text;
using System.Text.RegularExpressions;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Tests.Serial;

[TestFixture]
public sealed class SerialLogTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Task<Rigs.Protocols.SerialMatch> WaitAsync(SerialLog log, string pattern, long from = 0, int ms = 5000)
    {
        var cts = new CancellationTokenSource(ms);
        return log.WaitForAsync(SerialPatterns.Build(pattern), from, cts.Token);
    }

    [Test]
    public async Task AMatchSplitAcrossChunksIsFoundWithItsByteOffsetsAndArrivalTime()
    {
        var log = new SerialLog(64 * 1024);
        log.Append("noise\r\nRD-1 lo"u8, T0);
        log.Append("gin: "u8, T0.AddSeconds(1));
        var match = await WaitAsync(log, "login: $");
        Assert.Multiple(() =>
        {
            Assert.That(match.Text, Is.EqualTo("login: "));
            Assert.That(match.Start, Is.EqualTo(12));
            Assert.That(match.End, Is.EqualTo(19));
            Assert.That(match.At, Is.EqualTo(T0.AddSeconds(1)), "the time its last byte arrived");
            Assert.That(log.TimeAt(0), Is.EqualTo(T0));
        });
    }

    [Test]
    public async Task OffsetsAreByteOffsetsThroughMultiByteAndInvalidUtf8()
    {
        var log = new SerialLog(64 * 1024);
        byte[] bytes = [0xFF, 0xFE, 0xC3, 0x28, .. "é€😀 version=1.2\n"u8];
        log.Append(bytes, T0);
        var match = await WaitAsync(log, @"version=\S+");
        Assert.That(match.Text, Is.EqualTo("version=1.2"));
        Assert.That(Encoding.UTF8.GetString(log.Read(match.Start, match.End).Span), Is.EqualTo("version=1.2"));
        var emoji = await WaitAsync(log, "😀");
        Assert.That(log.Read(emoji.Start, emoji.End).ToArray(), Is.EqualTo("😀"u8.ToArray()));
    }

    [Test]
    public async Task WaitsForTextThatArrivesLaterAndScansOnlyFromTheCursor()
    {
        var log = new SerialLog(64 * 1024);
        log.Append("ready\n"u8, T0);
        var cursor = log.Length;
        var wait = WaitAsync(log, "ready");
        var later = WaitAsync(log, "ready", cursor);
        Assert.That((await wait).Start, Is.EqualTo(0));
        Assert.That(later.IsCompleted, Is.False, "text before the cursor does not count");
        log.Append("again ready\n"u8, T0);
        Assert.That((await later).Start, Is.EqualTo(cursor + 6));
    }

    [Test]
    public async Task AMegabyteLineIsClippedForMatchingAndTheTextAfterItIsFound()
    {
        var log = new SerialLog();
        log.Append("[boot] motd: "u8, T0);
        var line = new byte[1024 * 1024];
        Array.Fill(line, (byte)'A');
        "NEEDLE"u8.CopyTo(line.AsSpan(line.Length - 100));
        for (var i = 0; i < line.Length; i += 4096)
            log.Append(line.AsSpan(i, 4096), T0);
        log.Append("\r\n[boot] ready\r\n"u8, T0);

        var ready = await WaitAsync(log, @"\[boot\] ready");
        Assert.That(ready.Start, Is.EqualTo(13 + line.Length + 2));
        var needle = log.WaitForAsync(SerialPatterns.Build("NEEDLE"), 0, new CancellationTokenSource(300).Token);
        Assert.That(async () => await needle, Throws.InstanceOf<OperationCanceledException>(),
            "text past the line limit is not matched (it stays in the raw evidence)");
    }

    [Test]
    public async Task OnlyTheWindowIsHeldButScansStillWorkInIt()
    {
        var log = new SerialLog(windowBytes: 4096);
        for (var i = 0; i < 100; i++)
            log.Append(Encoding.ASCII.GetBytes($"line {i:D3} ........................................\n"), T0.AddMilliseconds(i));
        Assert.Multiple(() =>
        {
            Assert.That(log.WindowStart, Is.EqualTo(log.Length - 4096));
            Assert.That(log.Read(0, log.Length).Length, Is.EqualTo(4096));
            Assert.That(() => log.TimeAt(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(log.TimeAt(log.Length - 1), Is.EqualTo(T0.AddMilliseconds(99)));
        });
        var last = await WaitAsync(log, "line 099");
        Assert.That(last.Start, Is.EqualTo(99 * 50));
        var gone = log.WaitForAsync(SerialPatterns.Build("line 000"), 0, new CancellationTokenSource(200).Token);
        Assert.That(async () => await gone, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task APatternMaySpanLines()
    {
        var log = new SerialLog(64 * 1024);
        log.Append("Login incorrect\r\n"u8, T0);
        log.Append("\r\nRD-1 login: "u8, T0);
        var match = await WaitAsync(log, @"incorrect\r\n\r\n\S+ login:");
        Assert.That(match.Start, Is.EqualTo(6));
    }

    [Test]
    public void PatternsThatCouldBacktrackOrMatchNothingAreRefused()
    {
        var log = new SerialLog(64 * 1024);
        Assert.Multiple(() =>
        {
            Assert.That(() => log.WaitForAsync(new Regex("(a+)+$"), 0, CancellationToken.None), Throws.ArgumentException);
            Assert.That(SerialPatterns.Problem(@"(\w)\1", "pattern"), Does.Contain("without backtracking"));
            Assert.That(SerialPatterns.Problem("x*", "pattern"), Does.Contain("empty text"));
            Assert.That(SerialPatterns.Problem("[", "pattern"), Does.Contain("not a valid"));
            Assert.That(SerialPatterns.Problem(@"\[boot\] ready", "pattern"), Is.Null);
        });
    }

    [Test]
    public void BlankLinesShowInTheRenderedViewWhateverTheLineEnd()
    {
        string Render(string text) => new SerialTextRenderer(timestamps: false).Render(Encoding.ASCII.GetBytes(text), T0);
        Assert.Multiple(() =>
        {
            Assert.That(Render("a\r\n\r\nb\r\n"), Is.EqualTo("a\n\nb\n"));
            Assert.That(Render("a\n\nb\n"), Is.EqualTo("a\n\nb\n"));
            Assert.That(Render("a\r\rb\r\n"), Is.EqualTo("a\\r\\rb\n"), "a lone CR is shown, not taken as a line end");
        });
    }

    [Test]
    public void TheRenderedViewShowsControlCharactersAndClipsLongLines()
    {
        var renderer = new SerialTextRenderer(timestamps: true, maxLineChars: 40);
        var text = renderer.Render([.. "\u001b[31mRED\u001b[0m \0 \u202e"u8, 0xFF, .. "\r\nnext\r\n"u8, .. Encoding.ASCII.GetBytes(new string('x', 50)), (byte)'\n'], T0)
                   + renderer.Finish();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("2030-01-01T00:00:00.000Z \\x1B[31mRED\\x1B[0m \\x00 \\u202E\uFFFD"));
            Assert.That(lines[1], Does.EndWith(" next"));
            Assert.That(lines[2], Does.EndWith(new string('x', 40) + "…[10 more characters on this line]"));
            Assert.That(text, Does.Not.Contain("\u001b").And.Not.Contain("\r").And.Not.Contain("\0"));
        });
    }
}
