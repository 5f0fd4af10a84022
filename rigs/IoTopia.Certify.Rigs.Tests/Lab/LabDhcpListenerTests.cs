using System.Net;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab;

[TestFixture]
public sealed class LabDhcpListenerTests
{
    private const int Slot = 202;
    private const string MudUrl = "https://mud.lab.example/rd-1.json";
    private LabTestRun _run = null!;
    private LabDhcpListener _dhcp = null!;
    private UdpProbe _client = null!;
    private IPEndPoint _server = null!;

    [SetUp]
    public async Task SetUp()
    {
        _run = await LabTestRun.CreateAsync(Slot);
        _dhcp = new LabDhcpListener();
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        await _dhcp.StartAsync(_run.Lab, deadline.Token);
        _server = new IPEndPoint(_run.Plan.Lab, _run.Plan.DhcpPort);
        _client = new UdpProbe(_run.Plan.Dut);
    }

    [TearDown]
    public async Task TearDown()
    {
        _client.Dispose();
        await _dhcp.DisposeAsync();
        await _run.DisposeAsync();
    }

    [Test]
    public async Task AnInformIsRecordedAndAnsweredUnicastToItsSender()
    {
        using var deadline = new CancellationTokenSource(Deadlines.Reply);
        var waiting = _dhcp.WaitForInformAsync(deadline.Token);
        await _client.SendAsync(DhcpWire.Inform(0xCAFE0001, _run.Plan.Dut, MudUrl), _server);
        var got = await _client.ReceiveAsync(Deadlines.Reply);
        Assert.That(got, Is.Not.Null, "a DHCPACK to the sender's own address and port");
        var ack = DhcpWire.Read(got!.Value.Data);
        var seen = await waiting;
        Assert.Multiple(() =>
        {
            Assert.That(got.Value.From, Is.EqualTo(_server));
            Assert.That(ack.Op, Is.EqualTo(2), "BOOTREPLY");
            Assert.That(ack.Xid, Is.EqualTo(0xCAFE0001u));
            Assert.That(ack.Options[53], Is.EqualTo(new byte[] { 5 }), "DHCPACK");
            Assert.That(ack.Options[54], Is.EqualTo(_run.Plan.Lab.GetAddressBytes()), "server identifier");
            Assert.That(ack.Ciaddr, Is.EqualTo(_run.Plan.Dut));
            Assert.That(ack.Yiaddr, Is.EqualTo(IPAddress.Any), "an INFORM leases nothing");
            Assert.That(ack.Chaddr, Is.EqualTo(DhcpWire.Mac));
            Assert.That(seen.MudUrl, Is.EqualTo(MudUrl));
            Assert.That(seen.Answered, Is.EqualTo("DHCPACK"));
            Assert.That(_dhcp.LastMudUrl, Is.EqualTo(MudUrl));
        });
        var line = JsonLines.Read(_dhcp.EvidencePath!).Single();
        Assert.Multiple(() =>
        {
            Assert.That(line.Text("messageType"), Is.EqualTo("DHCPINFORM"));
            Assert.That(line.Text("mudUrl"), Is.EqualTo(MudUrl));
            Assert.That(line.Text("vendorClass"), Is.EqualTo("IoTopia-RD:RD-1"));
            Assert.That(line.Text("hostName"), Is.EqualTo("rd-1"));
            Assert.That(line.Text("chaddr"), Is.EqualTo("02:11:22:33:44:55"));
            Assert.That(line.Text("clientId"), Is.EqualTo("01021122334455"));
            Assert.That(line.Text("xid"), Is.EqualTo("cafe0001"));
            Assert.That(line.Text("client"), Is.EqualTo($"127.77.202.2:{_client.Local.Port}"));
            Assert.That(line.Text("answered"), Is.EqualTo("DHCPACK"));
            Assert.That(line.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("code").GetInt32()), Is.EqualTo(new[] { 53, 61, 60, 12, 55, 161 }));
            Assert.That(line.GetProperty("options")[5].Text("hex"), Is.EqualTo(Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(MudUrl))));
        });
    }

    [Test]
    public async Task MalformedMessagesAreLoggedAndDroppedAndTheListenerGoesOn()
    {
        var good = DhcpWire.Inform(2, _run.Plan.Dut, MudUrl);
        byte[][] garbage =
        [
            [1, 2, 3],
            good[..239],                                                                  // no room for the cookie
            DhcpWire.Build(3, _run.Plan.Dut, [(53, [8])], cookie: 0xDEADBEEF),
            [.. good[..240], 53, 1, 8, 161, 200, (byte)'h', (byte)'t'],                    // option 161 overruns the message
            [.. good[..2], 17, .. good[3..]],                                             // hlen 17
            new byte[2000],
        ];
        foreach (var packet in garbage)
            await _client.SendAsync(packet, _server);
        await _client.SendAsync(DhcpWire.Build(4, _run.Plan.Dut, [(53, [1])]), _server); // a DISCOVER: recorded, not answered
        await _client.SendAsync(good, _server);
        var got = await _client.ReceiveAsync(Deadlines.Reply);
        Assert.That(got, Is.Not.Null);
        Assert.That(DhcpWire.Read(got!.Value.Data).Xid, Is.EqualTo(2u), "the only reply is to the good INFORM");
        var lines = JsonLines.Read(_dhcp.EvidencePath!);
        Assert.Multiple(() =>
        {
            Assert.That(lines.Count(l => l.Text("event") == "malformed"), Is.EqualTo(garbage.Length));
            Assert.That(lines.Select(l => l.Text("reason")), Has.Some.Contain("magic cookie"));
            Assert.That(lines.Select(l => l.Text("reason")), Has.Some.Contain("option 161"));
            Assert.That(lines.Single(l => l.Text("messageType") == "DHCPDISCOVER").Text("answered"), Is.Null);
            Assert.That(_dhcp.Messages.Count, Is.EqualTo(garbage.Length + 2));
        });
    }

    [Test]
    public async Task RepeatedOptionsAreJoinedAndHostileTextStaysInert()
    {
        var hostile = "https://x.example/<script>\u001b[31m";
        var bytes = System.Text.Encoding.ASCII.GetBytes(hostile);
        var msg = DhcpWire.Build(5, _run.Plan.Dut, [(53, [8]), (161, bytes[..10]), (161, bytes[10..])]);
        await _client.SendAsync(msg, _server);
        using var deadline = new CancellationTokenSource(Deadlines.Reply);
        var seen = await _dhcp.WaitForInformAsync(deadline.Token);
        Assert.That(seen.MudUrl, Is.EqualTo(hostile), "RFC 3396: split options are concatenated");
        var raw = File.ReadAllText(_dhcp.EvidencePath!);
        Assert.That(raw, Does.Not.Contain("<script>").And.Not.Contain("\u001b"));
    }
}
