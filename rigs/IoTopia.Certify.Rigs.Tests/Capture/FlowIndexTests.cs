using System.Net;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.Capture;

[TestFixture]
public sealed class FlowIndexTests
{
    private static readonly IPAddress Dut = IPAddress.Parse("127.77.210.2");

    private static CapturedPacket Packet(string src, int sport, string dst, int dport, int proto = 17, double at = 0, params DnsBinding[] dns) => new()
    {
        Time = DateTimeOffset.UnixEpoch.AddSeconds(at),
        Length = 60,
        Source = IPAddress.Parse(src),
        Destination = IPAddress.Parse(dst),
        Protocol = proto,
        SourcePort = sport,
        DestinationPort = dport,
        DnsAnswers = dns,
        IsDut = src == "127.77.210.2" || dst == "127.77.210.2",
    };

    [Test]
    public void FlowsCountPacketsAndKeepFirstAndLastTimes()
    {
        var index = new FlowIndex(Dut);
        index.Add(Packet("127.77.210.2", 40000, "127.77.210.1", 443, 6, at: 2));
        index.Add(Packet("127.77.210.2", 40000, "127.77.210.1", 443, 6, at: 1));
        index.Add(Packet("127.77.210.4", 1, "127.77.210.1", 2)); // not the DUT's
        var flow = index.Flows().Single();
        Assert.That((flow.Packets, flow.First.ToUnixTimeSeconds(), flow.Last.ToUnixTimeSeconds()), Is.EqualTo((2L, 1L, 2L)));
    }

    [Test]
    public void ANameMatchesThroughDnsAnswersToTheDutOnly()
    {
        var index = new FlowIndex(Dut);
        var spec = new FlowSpec { Host = "Cloud.Example.", Port = 443, Proto = FlowProtocol.Tcp };
        index.Add(Packet("127.77.210.2", 40000, "127.77.210.10", 443, 6));
        Assert.That(index.Matching(spec), Is.Empty, "not resolved yet");

        index.Add(Packet("127.77.210.1", 53, "127.77.210.4", 5000, dns: new DnsBinding("cloud.example", IPAddress.Parse("127.77.210.10"))));
        Assert.That(index.Matching(spec), Is.Empty, "an answer to someone else binds nothing");

        index.Add(Packet("127.77.210.1", 53, "127.77.210.2", 5000, dns: new DnsBinding("cloud.example", IPAddress.Parse("127.77.210.10"))));
        Assert.That(index.Matching(spec).Single().Key.Destination, Is.EqualTo(IPAddress.Parse("127.77.210.10")));
        Assert.That(index.Matching(new FlowSpec { Host = "cloud.example", Port = 80 }), Is.Empty, "the host's port must match");
        Assert.That(index.Matching(new FlowSpec { Host = "cloud.example", Proto = FlowProtocol.Udp }), Is.Empty);
    }

    [Test]
    public void TheHostsPortMatchesInEitherDirection()
    {
        var index = new FlowIndex(Dut);
        index.Add(Packet("127.77.210.1", 8080, "127.77.210.2", 40000));
        Assert.That(index.Matching(new FlowSpec { Host = "127.77.210.1", Port = 8080 }), Has.Count.EqualTo(1));
        Assert.That(index.Matching(new FlowSpec { Host = "127.77.210.1", Port = 40000 }), Is.Empty, "40000 is the DUT's port");
    }

    [Test]
    public void TheIndexIsBounded()
    {
        var index = new FlowIndex(Dut);
        for (var port = 1; port <= FlowIndex.MaxFlows + 10; port++)
            index.Add(Packet("127.77.210.2", port, "127.77.210.1", 9));
        Assert.That(index.Flows(), Has.Count.EqualTo(FlowIndex.MaxFlows));
        Assert.That(index.Overflow, Is.EqualTo(10));
    }
}
