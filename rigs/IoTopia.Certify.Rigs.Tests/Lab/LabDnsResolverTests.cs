using System.Net;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab;

[TestFixture]
public sealed class LabDnsResolverTests
{
    private const int Slot = 201;
    private LabTestRun _run = null!;
    private LabDnsResolver _dns = null!;
    private UdpProbe _client = null!;
    private IPEndPoint _server = null!;

    [SetUp]
    public async Task SetUp()
    {
        _run = await LabTestRun.CreateAsync(Slot);
        _dns = new LabDnsResolver();
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        await _dns.StartAsync(_run.Lab, deadline.Token);
        _server = new IPEndPoint(_run.Plan.Lab, _run.Plan.DnsPort);
        _client = new UdpProbe(_run.Plan.Dut);
    }

    [TearDown]
    public async Task TearDown()
    {
        _client.Dispose();
        await _dns.DisposeAsync();
        await _run.DisposeAsync();
    }

    [Test]
    public async Task AQueriesGetTheAddressPlansAddresses()
    {
        var first = await AskAsync(0x1111, "telemetry.cloud.example");
        var again = await AskAsync(0x2222, "TELEMETRY.Cloud.Example.");
        var other = await AskAsync(0x3333, "other.example");
        Assert.Multiple(() =>
        {
            Assert.That(first.Id, Is.EqualTo(0x1111));
            Assert.That(first.IsResponse && first.Authoritative, Is.True);
            Assert.That(first.Rcode, Is.Zero);
            Assert.That(first.Addresses, Is.EqualTo(new[] { IPAddress.Parse("127.77.201.10") }));
            Assert.That(again.Addresses, Is.EqualTo(first.Addresses), "names are case-insensitive, the trailing dot ignored");
            Assert.That(other.Addresses, Is.EqualTo(new[] { IPAddress.Parse("127.77.201.11") }));
            Assert.That(_run.Plan.Names["telemetry.cloud.example"], Is.EqualTo(first.Addresses[0]));
        });
    }

    [Test]
    public async Task BlockedNamesGetNxdomainUntilReset()
    {
        _dns.Block("tracker.ads.example.");
        var blocked = await AskAsync(1, "Tracker.Ads.Example");
        var blockedAaaa = await AskAsync(2, "tracker.ads.example", type: 28);
        _dns.Reset();
        var answered = await AskAsync(3, "tracker.ads.example");
        Assert.Multiple(() =>
        {
            Assert.That(blocked.Rcode, Is.EqualTo(3), "NXDOMAIN");
            Assert.That(blocked.AnswerCount, Is.Zero);
            Assert.That(blockedAaaa.Rcode, Is.EqualTo(3));
            Assert.That(answered.Rcode, Is.Zero);
            Assert.That(answered.Addresses, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task OtherTypesGetNoRecordsOrNotImplemented()
    {
        var aaaa = await AskAsync(1, "cloud.example", type: 28);
        var txt = await AskAsync(2, "cloud.example", type: 16);
        var any = await AskAsync(3, "cloud.example", type: 255);
        var chaos = await AskAsync(4, "version.bind", type: 16, qclass: 3);
        Assert.Multiple(() =>
        {
            Assert.That((aaaa.Rcode, aaaa.AnswerCount), Is.EqualTo((0, 0)), "AAAA: NOERROR, no records");
            Assert.That((txt.Rcode, txt.AnswerCount), Is.EqualTo((0, 0)));
            Assert.That(any.Rcode, Is.EqualTo(4), "ANY: NOTIMP");
            Assert.That(chaos.Rcode, Is.EqualTo(4), "class CH: NOTIMP");
            Assert.That(_run.Plan.Names, Is.Empty, "only A queries take an address");
        });
    }

    [Test]
    public async Task GarbageAndPointerLoopsAreLoggedAndDroppedWithoutAHang()
    {
        byte[][] garbage =
        [
            [0x01, 0x02, 0x03],
            DnsWire.Message(10, 0x0100, [0xC0, 0x0C]),                                   // the name points at itself
            DnsWire.Message(11, 0x0100, [0x01, (byte)'a', 0xC0, 0x0C]),                  // label, then back to it: a loop
            DnsWire.Message(12, 0x0100, [0xC0, 0x0E, 0xC0, 0x0C]),                       // two pointers pointing at each other
            DnsWire.Message(13, 0x0100, [0x3F, (byte)'a']),                             // label longer than the message
            DnsWire.Message(14, 0x0100, [0x80, 0x00]),                                   // reserved label type
            DnsWire.Message(15, 0x8180, DnsWire.Name("reply.example")),                  // a response, not a query
            DnsWire.Message(16, 0x0100, DnsWire.Name("two.example"), questions: 2),
            [.. DnsWire.Query(17, "big.example"), .. new byte[600]],                    // over 512 bytes
            DnsWire.Message(18, 0x0100, DnsWire.Labels([.. Enumerable.Repeat(Enumerable.Repeat((byte)'x', 63).ToArray(), 5)])), // name over 255 bytes
        ];
        foreach (var packet in garbage)
            await _client.SendAsync(packet, _server);
        var reply = await AskAsync(0x4242, "still.alive.example");
        Assert.That(reply.Id, Is.EqualTo(0x4242), "the first reply after the garbage is to the good query: none of the garbage was answered");
        var lines = JsonLines.Read(_dns.EvidencePath!);
        var malformed = lines.Where(l => l.Text("event") == "malformed").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(malformed, Has.Count.EqualTo(garbage.Length));
            Assert.That(malformed.Select(l => l.Text("reason")), Has.Some.Contain("not strictly backwards"));
            Assert.That(malformed.Select(l => l.Text("reason")), Has.Some.Contain("over the 512-byte"));
            Assert.That(malformed.Select(l => l.Text("reason")), Has.Some.Contain("longer than 255"));
            Assert.That(malformed.Select(l => l.Text("client")), Is.All.EqualTo($"{_client.Local.Address}:{_client.Local.Port}"));
            Assert.That(_dns.Exchanges.Count, Is.EqualTo(garbage.Length + 1));
        });
    }

    [Test]
    public async Task EveryQueryIsOneJsonLineWithTheNameEscaped()
    {
        await AskAsync(7, "telemetry.cloud.example");
        var hostile = DnsWire.Labels("a.b"u8.ToArray(), [0x00, (byte)'"', (byte)'<', 0xFF, (byte)'\\'], "example"u8.ToArray());
        var refused = DnsWire.Read((await ExchangeAsync(DnsWire.Message(8, 0x0100, hostile)))!.Value.Data);
        Assert.That(refused.Rcode, Is.EqualTo(3), "not a host name: NXDOMAIN");
        var lines = JsonLines.Read(_dns.EvidencePath!);
        var raw = File.ReadAllText(_dns.EvidencePath!);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(2));
            Assert.That(lines[0].Text("qname"), Is.EqualTo("telemetry.cloud.example"));
            Assert.That(lines[0].Text("qtype"), Is.EqualTo("A"));
            Assert.That(lines[0].Text("answer"), Is.EqualTo("127.77.201.10"));
            Assert.That(lines[0].Text("rcode"), Is.EqualTo("NOERROR"));
            Assert.That(lines[0].Text("client"), Is.EqualTo($"127.77.201.2:{_client.Local.Port}"));
            Assert.That(DateTimeOffset.Parse(lines[0].Text("time")!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(lines[1].Text("qname"), Is.EqualTo("a\\.b.\\000\"<\\255\\\\.example"));
            Assert.That(lines[1].Text("rcode"), Is.EqualTo("NXDOMAIN"));
            Assert.That(raw, Does.Not.Contain("<"), "HTML-sensitive characters are escaped in the file itself");
            Assert.That(raw.All(c => c is >= ' ' and < '\u007f' or '\n'), Is.True, "the log is plain printable ASCII");
        });
    }

    [Test]
    public async Task AFullPlanAnswersNxdomain()
    {
        for (var i = 0; i < 90; i++)
            Assert.That(_run.Plan.AddressFor($"n{i}.example"), Is.Not.Null);
        var reply = await AskAsync(9, "one-too-many.example");
        var known = await AskAsync(10, "n5.example");
        Assert.Multiple(() =>
        {
            Assert.That(reply.Rcode, Is.EqualTo(3));
            Assert.That(_dns.Exchanges.Since(0)[0].Reason, Does.Contain("full"));
            Assert.That(known.Addresses, Is.EqualTo(new[] { IPAddress.Parse("127.77.201.15") }));
        });
    }

    [Test]
    public async Task StepsCanWaitForAQueryThatAlreadyCame()
    {
        var cursor = _dns.Exchanges.Count;
        await AskAsync(1, "early.example");
        using var deadline = new CancellationTokenSource(Deadlines.Reply);
        var seen = await _dns.WaitForQueryAsync("Early.Example.", cursor, deadline.Token);
        Assert.That(seen.Answer, Is.EqualTo(_run.Plan.Names["early.example"]));
    }

    private async Task<DnsWire.Reply> AskAsync(ushort id, string name, ushort type = 1, ushort qclass = 1)
    {
        var got = await ExchangeAsync(DnsWire.Query(id, name, type, qclass));
        Assert.That(got, Is.Not.Null, $"no reply to {name} within {Deadlines.Reply}");
        Assert.That(got!.Value.From, Is.EqualTo(_server), "the reply comes from the lab resolver's address and port");
        return DnsWire.Read(got.Value.Data);
    }

    private async Task<(byte[] Data, IPEndPoint From)?> ExchangeAsync(byte[] query)
    {
        await _client.SendAsync(query, _server);
        return await _client.ReceiveAsync(Deadlines.Reply);
    }
}
