using System.Net;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Wire.Tests.Support;

namespace IoTopia.Certify.Rigs.Tests.Capture;

/// <summary>What live capture makes of a frame (decoded by the wire library): addresses, DUT membership, malformed reasons, DNS bindings.</summary>
[TestFixture]
public sealed class CapturedPacketReaderTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch;
    private static readonly CaptureTarget Target = new(IPAddress.Parse("127.77.210.2"), IPAddress.Parse("127.77.210.3"));

    [Test]
    public void EthernetUdpGivesAddressesPortsAndDutMembership()
    {
        var frame = FrameBytes.EthernetUdp("127.77.210.2", 40000, "127.77.210.1", 40001, new byte[5]);
        var p = CapturedPacketReader.Read(1, frame, T, frame.Length, Target);
        Assert.Multiple(() =>
        {
            Assert.That(p.Source, Is.EqualTo(IPAddress.Parse("127.77.210.2")));
            Assert.That(p.Destination, Is.EqualTo(IPAddress.Parse("127.77.210.1")));
            Assert.That(p.Protocol, Is.EqualTo(17));
            Assert.That((p.SourcePort, p.DestinationPort), Is.EqualTo(((int?)40000, (int?)40001)));
            Assert.That(p.Malformed, Is.Null);
            Assert.That(p.IsDut, Is.True);
        });
    }

    [Test]
    public void ProbeTrafficIsNotTheDuts()
    {
        var toDut = FrameBytes.EthernetUdp("127.77.210.3", 40000, "127.77.210.2", 40001, []);
        var elsewhere = FrameBytes.EthernetUdp("127.77.210.3", 40000, "127.77.210.1", 40001, []);
        Assert.That(CapturedPacketReader.Read(1, toDut, T, toDut.Length, Target).IsDut, Is.False, "the probe talking to the DUT is the harness's traffic");
        Assert.That(CapturedPacketReader.Read(1, elsewhere, T, elsewhere.Length, Target).IsDut, Is.False);
    }

    [TestCase(20 + 3, "truncated UDP header")]
    [TestCase(19, "bad IPv4 total length 19")]
    public void MalformedHeadersAreNamed(int totalLength, string why)
    {
        var ip = FrameBytes.IPv4(17, "127.77.210.2", "127.77.210.1", [0x9c, 0x40, 0x9c], totalLength);
        var p = CapturedPacketReader.Read(1, FrameBytes.Ethernet(0x0800, ip), T, 40, Target);
        Assert.That(p.Malformed, Is.EqualTo(why));
        Assert.That(p.Source, Is.EqualTo(IPAddress.Parse("127.77.210.2")), "what could be read is kept");
        Assert.That(p.IsDut, Is.True);
    }

    [Test]
    public void DnsResponsesFromPort53CarryTheirBindings()
    {
        var frame = FrameBytes.EthernetUdp("127.77.210.1", 53, "127.77.210.2", 40000, DnsMessage.Response("Cloud.Example", ["127.77.210.10", "127.77.210.11"]));
        var p = CapturedPacketReader.Read(1, frame, T, frame.Length, Target);
        Assert.That(p.DnsAnswers.Select(a => $"{a.Name}={a.Address}"), Is.EqualTo(new[] { "cloud.example=127.77.210.10", "cloud.example=127.77.210.11" }));
    }

    [Test]
    public void TruncatedFramesNeverThrow()
    {
        var frame = FrameBytes.EthernetUdp("127.77.210.1", 53, "127.77.210.2", 40000, DnsMessage.Response("cloud.example", ["127.77.210.10"], "edge.example"));
        for (var length = 0; length <= frame.Length; length++)
        {
            foreach (var link in new uint[] { 0, 1, 12, 101, 108, 113, 276, 228, 229, 9999 })
                Assert.DoesNotThrow(() => CapturedPacketReader.Read(link, frame.AsSpan(0, length), T, frame.Length, Target));
        }
    }
}
