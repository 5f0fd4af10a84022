using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Tests.Support;

namespace IoTopia.Certify.Wire.Tests.Dns;

[TestFixture]
public sealed class DnsAnswerReaderTests
{
    private static IEnumerable<string> Texts(DnsAnswerSet answers) => answers.Bindings().Select(b => $"{b.Name}={b.Address}");

    [Test]
    public void ACnameChainBindsTheNameAskedFor()
    {
        var answers = DnsAnswerSet.Read(DnsMessage.Response("telemetry.example", ["127.77.210.12"], "edge.cdn.example"));
        Assert.That(answers.Problem, Is.Null);
        Assert.That(Texts(answers), Is.EquivalentTo(new[] { "edge.cdn.example=127.77.210.12", "telemetry.example=127.77.210.12" }));
    }

    [Test]
    public void NameBindingsFollowTheChainBackwards()
    {
        var names = new NameBindings();
        Assert.That(DnsAnswerReader.Read(DnsMessage.Response("telemetry.example", ["127.77.210.12"], "edge.cdn.example"), names), Is.Null);
        var address = Addresses.IpAddr.From(System.Net.IPAddress.Parse("127.77.210.12"));
        Assert.That(names.NamesOf(address).Select(n => n.ToString()), Is.EqualTo(new[] { "edge.cdn.example", "telemetry.example → edge.cdn.example" }));
    }

    [Test]
    public void AQueryBindsNothing()
    {
        var message = DnsMessage.Response("a.example", ["127.77.210.10"]);
        message[2] = 0x01; // QR clear: a query
        Assert.That(DnsAnswerSet.Read(message).Bindings(), Is.Empty);
    }

    [Test]
    public void ACompressionLoopIsRefused()
    {
        var message = DnsMessage.Response("a.example", ["127.77.210.10"]);
        // the answer's owner pointer (at the end of the question) now points at itself
        var pointer = 12 + "a.example".Length + 2 + 4;
        message[pointer] = (byte)(0xc0 | (pointer >> 8));
        message[pointer + 1] = (byte)pointer;
        var answers = DnsAnswerSet.Read(message);
        Assert.That(answers.Bindings(), Is.Empty);
        Assert.That(answers.Problem, Does.Contain("loops"));
    }

    [Test]
    public void UnprintableBytesInNamesAreEscaped()
    {
        var message = DnsMessage.Response("a.example", ["127.77.210.10"]);
        message[13] = 0x1b; // ESC as the first label's byte
        Assert.That(DnsAnswerSet.Read(message).Bindings().Single().Name, Is.EqualTo("\\027.example"));
    }

    [Test]
    public void EveryTruncationIsAProblemNotACrash()
    {
        var message = DnsMessage.Response("telemetry.example", ["127.77.210.12", "127.77.210.13"], "edge.cdn.example");
        for (var length = 0; length < message.Length; length++)
        {
            var answers = DnsAnswerSet.Read(message.AsSpan(0, length));
            Assert.That(answers.Problem, Is.Not.Null, $"cut at {length}");
        }
    }

    [Test]
    public void HugeCountsReadOnlyTheFirstRecords()
    {
        var message = DnsMessage.Response("a.example", ["127.77.210.10"]);
        message[6] = 0xff;
        message[7] = 0xff;
        var answers = DnsAnswerSet.Read(message);
        Assert.That(answers.Bindings(), Has.Count.EqualTo(1));
        Assert.That(answers.Problem, Is.Not.Null);
    }
}
