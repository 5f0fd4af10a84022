using IoTopia.Certify.Wire.Dhcp;

namespace IoTopia.Certify.Wire.Tests.Options;

[TestFixture]
public sealed class DhcpOptionReaderTests
{
    private static byte[] Bootp(byte[] options, Action<byte[]>? fixedFields = null)
    {
        var message = new byte[240 + options.Length];
        message[0] = 1;
        DhcpOptionReader.WriteMagicCookie(message);
        options.CopyTo(message, 240);
        fixedFields?.Invoke(message);
        return message;
    }

    private static List<(int Code, string Value)> Walk(DhcpOptionReader reader, out string? problem)
    {
        var list = new List<(int, string)>();
        while (reader.MoveNext())
            list.Add((reader.Code, Convert.ToHexString(reader.Value)));
        problem = reader.Problem;
        return list;
    }

    [Test]
    public void V4OptionsPadsAndEnd()
    {
        var options = Walk(DhcpOptionReader.V4(Bootp([53, 1, 8, 0, 0, 161, 2, 0x41, 0x42, 255, 12, 1, 0x58])), out var problem);
        Assert.That(options, Is.EqualTo(new[] { (53, "08"), (161, "4142") }));
        Assert.That(problem, Is.Null);
    }

    [Test]
    public void OverloadContinuesIntoFileThenSname()
    {
        var message = Bootp([52, 1, 3, 255], m =>
        {
            m[108] = 12;
            m[109] = 1;
            m[110] = 0x46;
            m[111] = 255;
            m[44] = 15;
            m[45] = 1;
            m[46] = 0x53;
        });
        Assert.That(Walk(DhcpOptionReader.V4(message), out _).Select(o => o.Code), Is.EqualTo(new[] { 52, 12, 15 }));
    }

    [Test]
    public void AnOptionPastTheEndIsAProblemAfterTheOptionsBefore()
    {
        var options = Walk(DhcpOptionReader.V4(Bootp([53, 1, 8, 161, 20, 0x41])), out var problem);
        Assert.That(options, Is.EqualTo(new[] { (53, "08") }));
        Assert.That(problem, Is.EqualTo("options: option 161 at 3 is 20 bytes long, past the end"));
    }

    [Test]
    public void NoCookieNoOptions()
    {
        var message = Bootp([53, 1, 8]);
        message[239] = 0;
        Assert.That(DhcpOptionReader.IsDhcpV4(message), Is.False);
        Assert.That(Walk(DhcpOptionReader.V4(message), out _), Is.Empty);
        Assert.That(Walk(DhcpOptionReader.V4(new byte[10]), out _), Is.Empty);
    }

    [Test]
    public void V6OptionsAndTruncation()
    {
        byte[] message = [1, 0xAA, 0xBB, 0xCC, 0, 112, 0, 2, 0x41, 0x42, 0, 1, 0, 9, 1];
        var options = Walk(DhcpOptionReader.V6(message), out var problem);
        Assert.That(options, Is.EqualTo(new[] { (112, "4142") }));
        Assert.That(problem, Does.Contain("option 1 at 6 is 9 bytes long"));
    }

    [Test]
    public void RandomBytesNeverThrowAndStayInside()
    {
        var random = new Random(2131);
        for (var i = 0; i < 5000; i++)
        {
            var message = Bootp(new byte[random.Next(2, 80)]);
            random.NextBytes(message.AsSpan(240));
            random.NextBytes(message.AsSpan(44, 64 + 128));
            message[240] = 52;
            message[241] = 1;
            var v4 = DhcpOptionReader.V4(message);
            var count = 0;
            while (v4.MoveNext())
                count += v4.Value.Length >= 0 ? 1 : 0;
            var v6 = DhcpOptionReader.V6(message.AsSpan(240));
            while (v6.MoveNext())
                count++;
            Assert.That(count, Is.LessThan(message.Length));
        }
    }
}
