using System.Net;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab;

/// <summary>Per-scenario answers of the lab resolver (what <c>lab.dns-answer</c> sets): each kind on the wire, logged, gone after reset.</summary>
[TestFixture]
public sealed class LabDnsConfigurationTests
{
    private const int Slot = 207;
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
    public async Task EachConfiguredAnswerGoesOnTheWireIsLoggedAndIsGoneAfterReset()
    {
        var moved = _run.Plan.Host(42);
        _dns.Configure("Gone.Example.", new DnsNameAnswer(DnsAnswerKind.Nxdomain));
        _dns.Configure("refused.example", new DnsNameAnswer(DnsAnswerKind.Refused));
        _dns.Configure("broken.example", new DnsNameAnswer(DnsAnswerKind.Servfail));
        _dns.Configure("empty.example", new DnsNameAnswer(DnsAnswerKind.NoData));
        _dns.Configure("silent.example", new DnsNameAnswer(DnsAnswerKind.NoAnswer));
        _dns.Configure("moved.example", new DnsNameAnswer(DnsAnswerKind.Address, moved));

        var gone = await AskAsync(1, "gone.example");
        var refused = await AskAsync(2, "refused.example");
        var broken = await AskAsync(3, "broken.example");
        var empty = await AskAsync(4, "empty.example");
        var silent = await ExchangeAsync(DnsWire.Query(5, "silent.example"), Deadlines.Silence);
        var movedA = await AskAsync(6, "moved.example");
        var movedAaaa = await AskAsync(7, "moved.example", type: 28);
        var other = await AskAsync(8, "other.example");
        Assert.Multiple(() =>
        {
            Assert.That((gone.Rcode, gone.AnswerCount), Is.EqualTo((3, 0)), "NXDOMAIN");
            Assert.That((refused.Rcode, refused.AnswerCount), Is.EqualTo((5, 0)), "REFUSED");
            Assert.That((broken.Rcode, broken.AnswerCount), Is.EqualTo((2, 0)), "SERVFAIL");
            Assert.That((empty.Rcode, empty.AnswerCount), Is.EqualTo((0, 0)), "NOERROR without records");
            Assert.That(silent, Is.Null, "no-answer: the query is dropped");
            Assert.That(movedA.Addresses, Is.EqualTo(new[] { moved }));
            Assert.That((movedAaaa.Rcode, movedAaaa.AnswerCount), Is.EqualTo((0, 0)));
            Assert.That(other.Addresses, Is.EqualTo(new[] { _run.Plan.Host(10) }), "names not configured keep the plan's answers");
            Assert.That(_dns.Blocked, Is.EqualTo(new[] { "gone.example" }));
        });

        _dns.Reset();
        var goneAfter = await AskAsync(9, "gone.example");
        var silentAfter = await AskAsync(10, "silent.example");
        var movedAfter = await AskAsync(11, "moved.example");
        Assert.Multiple(() =>
        {
            Assert.That(goneAfter.Addresses, Is.EqualTo(new[] { _run.Plan.Names["gone.example"] }));
            Assert.That(silentAfter.Addresses, Has.Count.EqualTo(1));
            Assert.That(movedAfter.Addresses, Is.EqualTo(new[] { _run.Plan.Names["moved.example"] }).And.Not.EqualTo(new[] { moved }));
            Assert.That(_dns.Configured, Is.Empty);
        });

        var lines = JsonLines.Read(_dns.EvidencePath!).ToList();
        var configured = lines.Where(l => l.Text("event") == "configure").ToList();
        var silentQuery = lines.First(l => l.Text("event") == "query" && l.Text("qname") == "silent.example");
        var reset = lines.Single(l => l.Text("event") == "reset");
        Assert.Multiple(() =>
        {
            Assert.That(configured.Select(l => (l.Text("name"), l.Text("answer"))), Is.EqualTo(new[]
            {
                ("gone.example", "nxdomain"), ("refused.example", "refused"), ("broken.example", "servfail"),
                ("empty.example", "no-data"), ("silent.example", "no-answer"), ("moved.example", $"address {moved}"),
            }));
            Assert.That(silentQuery.GetProperty("rcode").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "logged, not answered");
            Assert.That(silentQuery.Text("reason"), Is.EqualTo("configured for this scenario: no-answer"));
            Assert.That(lines.First(l => l.Text("qname") == "gone.example").Text("rcode"), Is.EqualTo("NXDOMAIN"));
            Assert.That(reset.GetProperty("names").EnumerateArray().Select(n => n.GetString()),
                Is.EqualTo(new[] { "broken.example", "empty.example", "gone.example", "moved.example", "refused.example", "silent.example" }));
            Assert.That(lines.FindIndex(l => l.Text("event") == "reset"), Is.LessThan(lines.FindLastIndex(l => l.Text("qname") == "gone.example")), "the log reads in order");
        });
    }

    [Test]
    public void AnAddressOutsideTheRunsSubnetIsRefused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => _dns.Configure("out.example", new DnsNameAnswer(DnsAnswerKind.Address, IPAddress.Parse("10.1.2.3"))),
                Throws.ArgumentException.With.Message.Contains($"outside the run's subnet {_run.Plan.Subnet}"));
            Assert.That(() => _dns.Configure("out.example", new DnsNameAnswer(DnsAnswerKind.Address, IPAddress.Loopback)),
                Throws.ArgumentException, "loopback, but not this run's slot");
            Assert.That(() => _dns.Configure("out.example", new DnsNameAnswer(DnsAnswerKind.Address)), Throws.ArgumentException);
            Assert.That(_dns.Configured, Is.Empty);
        });
    }

    private async Task<DnsWire.Reply> AskAsync(ushort id, string name, ushort type = 1)
    {
        var got = await ExchangeAsync(DnsWire.Query(id, name, type, 1), Deadlines.Reply);
        Assert.That(got, Is.Not.Null, $"no reply to {name} within {Deadlines.Reply}");
        return DnsWire.Read(got!.Value.Data);
    }

    private async Task<(byte[] Data, IPEndPoint From)?> ExchangeAsync(byte[] query, TimeSpan wait)
    {
        await _client.SendAsync(query, _server);
        return await _client.ReceiveAsync(wait);
    }
}
