using System.Net;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.Capture;

[TestFixture]
public sealed class PacketDecoderTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch;
    private static readonly CaptureTarget Target = new(IPAddress.Parse("127.77.210.2"), IPAddress.Parse("127.77.210.3"));

    [Test]
    public void EthernetUdpGivesAddressesPortsAndDutMembership()
    {
        var frame = Frames.EthernetUdp("127.77.210.2", 40000, "127.77.210.1", 40001, new byte[5]);
        var p = PacketDecoder.Decode(1, frame, T, frame.Length, Target);
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
        var toDut = Frames.EthernetUdp("127.77.210.3", 40000, "127.77.210.2", 40001, []);
        var elsewhere = Frames.EthernetUdp("127.77.210.3", 40000, "127.77.210.1", 40001, []);
        Assert.That(PacketDecoder.Decode(1, toDut, T, toDut.Length, Target).IsDut, Is.False, "the probe talking to the DUT is the harness's traffic");
        Assert.That(PacketDecoder.Decode(1, elsewhere, T, elsewhere.Length, Target).IsDut, Is.False);
    }

    [Test]
    public void LinuxCookedAndVlanTaggedFramesDecode()
    {
        var ip = Frames.IPv4(6, "127.77.210.1", "127.77.210.2", Frames.Tcp(443, 40000));
        var sll = Frames.LinuxCooked(0x0800, ip);
        var vlan = Frames.Ethernet(0x8100, [0x00, 0x05, 0x08, 0x00, .. ip]);
        Assert.That(PacketDecoder.Decode(113, sll, T, sll.Length).SourcePort, Is.EqualTo(443));
        Assert.That(PacketDecoder.Decode(1, vlan, T, vlan.Length).SourcePort, Is.EqualTo(443));
        Assert.That(PacketDecoder.Decode(101, ip, T, ip.Length).DestinationPort, Is.EqualTo(40000));
    }

    [Test]
    public void EveryTruncationAndRandomBytesDecodeWithoutThrowing()
    {
        byte[][] samples =
        [
            Frames.EthernetUdp("127.77.210.1", 53, "127.77.210.2", 40000, DnsMessage.Response("cloud.example", ["127.77.210.10"], "edge.example")),
            Frames.EthernetTcp("127.77.210.2", 40000, "127.77.210.1", 443),
            Frames.Ethernet(0x86dd, new byte[60]),
        ];
        foreach (var frame in samples)
        {
            for (var length = 0; length <= frame.Length; length++)
            {
                foreach (var link in new uint[] { 0, 1, 12, 101, 108, 113, 276, 228, 229, 9999 })
                    Assert.DoesNotThrow(() => PacketDecoder.Decode(link, frame.AsSpan(0, length), T, frame.Length, Target));
            }
        }
        var random = new Random(7);
        for (var i = 0; i < 20000; i++)
        {
            var junk = new byte[random.Next(0, 120)];
            random.NextBytes(junk);
            if (junk.Length > 14)
            {
                junk[12] = 0x08;
                junk[13] = 0x00;
                junk[14] = (byte)(0x40 | (junk[14] & 0x0f));
            }
            Assert.DoesNotThrow(() => PacketDecoder.Decode(1, junk, T, junk.Length, Target));
        }
    }

    [TestCase(20 + 3, "truncated UDP header")]
    [TestCase(19, "bad IPv4 total length 19")]
    public void MalformedHeadersAreNamed(int totalLength, string why)
    {
        var ip = Frames.IPv4(17, "127.77.210.2", "127.77.210.1", [0x9c, 0x40, 0x9c], totalLength);
        var p = PacketDecoder.Decode(1, Frames.Ethernet(0x0800, ip), T, 40, Target);
        Assert.That(p.Malformed, Is.EqualTo(why));
        Assert.That(p.Source, Is.EqualTo(IPAddress.Parse("127.77.210.2")), "what could be read is kept");
        Assert.That(p.IsDut, Is.True);
    }

    [Test]
    public void DnsResponsesFromPort53CarryTheirBindings()
    {
        var frame = Frames.EthernetUdp("127.77.210.1", 53, "127.77.210.2", 40000, DnsMessage.Response("Cloud.Example", ["127.77.210.10", "127.77.210.11"]));
        var p = PacketDecoder.Decode(1, frame, T, frame.Length, Target);
        Assert.That(p.DnsAnswers.Select(a => $"{a.Name}={a.Address}"), Is.EqualTo(new[] { "cloud.example=127.77.210.10", "cloud.example=127.77.210.11" }));
    }
}
