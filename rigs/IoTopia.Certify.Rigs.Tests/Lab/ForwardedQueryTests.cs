using System.Net;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab;

/// <summary>
/// The lab resolver behind a forwarder (the netns rig's dnsmasq with --add-subnet=32): a query from the
/// forwarder that names its client in an EDNS Client Subnet option is the client's; the same option
/// from anyone else changes nothing, so a device cannot pass its queries off as another's.
/// </summary>
[TestFixture]
public sealed class ForwardedQueryTests
{
    private const int Slot = 207;
    private LabTestRun _run = null!;
    private LabDnsResolver _dns = null!;
    private IPEndPoint _server = null!;

    [SetUp]
    public async Task SetUp()
    {
        _run = await LabTestRun.CreateAsync(Slot);
        _dns = new LabDnsResolver(new LabDnsResolverOptions { Port = _run.Plan.DnsPort + 1, Forwarder = _run.Plan.Lab });
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        await _dns.StartAsync(_run.Lab, deadline.Token);
        _server = new IPEndPoint(_run.Plan.Lab, _run.Plan.DnsPort + 1);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _dns.DisposeAsync();
        await _run.DisposeAsync();
    }

    /// <summary>A query with an OPT record carrying ECS family 1, source prefix 32, for <paramref name="client"/>.</summary>
    private static byte[] WithClientSubnet(ushort id, string name, IPAddress client)
    {
        var query = DnsWire.Query(id, name);
        query[11] = 1; // ARCOUNT
        byte[] opt = [0, 0, 41, 0x10, 0x00, 0, 0, 0, 0, 0, 12, 0, 8, 0, 8, 0, 1, 32, 0, .. client.GetAddressBytes()];
        return [.. query, .. opt];
    }

    private async Task<DnsWire.Reply> AskFromAsync(IPAddress from, byte[] query)
    {
        using var probe = new UdpProbe(from);
        await probe.SendAsync(query, _server);
        var reply = await probe.ReceiveAsync(Deadlines.Step);
        Assert.That(reply, Is.Not.Null, "the resolver answers whoever sent the query");
        return DnsWire.Read(reply!.Value.Data);
    }

    [Test]
    public async Task AQueryForwardedForTheDutIsTheDuts()
    {
        var reply = await AskFromAsync(_run.Plan.Lab, WithClientSubnet(0x5151, "telemetry.cloud.example", _run.Plan.Dut));
        Assert.That(reply.Addresses, Is.EqualTo(new[] { _run.Plan.Host(10) }));
        var exchange = _dns.Exchanges.Since().Single();
        Assert.Multiple(() =>
        {
            Assert.That(exchange.Client.Address, Is.EqualTo(_run.Plan.Dut));
            Assert.That(exchange.Via!.Address, Is.EqualTo(_run.Plan.Lab));
        });
        var line = JsonLines.Read(_dns.EvidencePath!).Single();
        Assert.That(line.Text("via"), Does.StartWith($"{_run.Plan.Lab}:"));
    }

    [Test]
    public async Task TheOptionFromAnyoneButTheForwarderChangesNothing()
    {
        await AskFromAsync(_run.Plan.Dut, WithClientSubnet(0x5252, "telemetry.cloud.example", _run.Plan.Probe));
        var exchange = _dns.Exchanges.Since().Single();
        Assert.Multiple(() =>
        {
            Assert.That(exchange.Client.Address, Is.EqualTo(_run.Plan.Dut));
            Assert.That(exchange.Via, Is.Null);
        });
    }

    [Test]
    public async Task ATruncatedAdditionalRecordIsMalformed()
    {
        var query = DnsWire.Query(0x5353, "cloud.example");
        query[11] = 1;
        using var probe = new UdpProbe(_run.Plan.Lab);
        await probe.SendAsync([.. query, 0, 0, 41, 0x10], _server);
        await Poll.UntilAsync(() => _dns.Exchanges.Count == 1, Deadlines.Step, "the datagram to be logged");
        Assert.That(_dns.Exchanges.Since().Single().Malformed, Does.Contain("additional record 1 truncated"));
        Assert.That(await probe.ReceiveAsync(TimeSpan.FromMilliseconds(200)), Is.Null, "a malformed query gets no answer");
    }
}
