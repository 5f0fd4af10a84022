using System.Net;
using IoTopia.Certify.Wire.Capture;
using IoTopia.Certify.Wire.Frames;
using IoTopia.Certify.Wire.Tests.Support;

namespace IoTopia.Certify.Wire.Tests.Decoding;

[TestFixture]
public sealed class FrameDecoderTests
{
    private static DecodedPacket Decode(byte[] frame, LinkType link = LinkType.Ethernet) => Decode(frame.AsSpan(), link);

    private static DecodedPacket Decode(ReadOnlySpan<byte> frame, LinkType link)
    {
        var p = default(DecodedPacket);
        FrameDecoder.Decode(frame, link, ref p);
        return p;
    }

    [Test]
    public void EthernetUdpGivesAddressesPortsAndPayload()
    {
        var frame = FrameBytes.EthernetUdp("127.77.210.2", 40000, "127.77.210.1", 40001, new byte[5]);
        var p = Decode(frame);
        Assert.Multiple(() =>
        {
            Assert.That(p.Source.ToIPAddress(), Is.EqualTo(IPAddress.Parse("127.77.210.2")));
            Assert.That(p.Destination.ToIPAddress(), Is.EqualTo(IPAddress.Parse("127.77.210.1")));
            Assert.That(p.Protocol, Is.EqualTo(17));
            Assert.That((p.SourcePort, p.DestinationPort), Is.EqualTo((40000, 40001)));
            Assert.That(p.PayloadLength, Is.EqualTo(5));
            Assert.That(p.Problem, Is.EqualTo(FrameProblem.None));
        });
    }

    [Test]
    public void LinuxCookedVlanTaggedAndRawFramesDecode()
    {
        var ip = FrameBytes.IPv4(6, "127.77.210.1", "127.77.210.2", FrameBytes.Tcp(443, 40000));
        var sll = FrameBytes.LinuxCooked(0x0800, ip);
        var vlan = FrameBytes.Ethernet(0x8100, [0x00, 0x05, 0x08, 0x00, .. ip]);
        Assert.That(Decode(sll, LinkType.LinuxSll).SourcePort, Is.EqualTo(443));
        Assert.That(Decode(vlan).SourcePort, Is.EqualTo(443));
        Assert.That(Decode(ip, LinkType.Raw).DestinationPort, Is.EqualTo(40000));
    }

    [Test]
    public void ArpGivesSenderAndTarget()
    {
        byte[] arp = [0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 2, 192, 168, 1, 2, 0, 0, 0, 0, 0, 0, 192, 168, 1, 1];
        var p = Decode(FrameBytes.Ethernet(0x0806, arp));
        Assert.That((p.ArpOperation, p.ArpSender.ToString(), p.ArpTarget.ToString(), p.IpVersion), Is.EqualTo((1, "192.168.1.2", "192.168.1.1", 0)));
        Assert.That(Decode(FrameBytes.Ethernet(0x0806, arp[..20])).Problem, Is.EqualTo(FrameProblem.TruncatedArp));
    }

    [Test]
    public void Ipv6ExtensionHeadersAreSkippedAndLaterFragmentsHaveNoPorts()
    {
        var udp = FrameBytes.Udp(5353, 5353, [1, 2, 3]);
        byte[] hopByHop = [17, 0, 0, 0, 0, 0, 0, 0];
        var p = Decode(FrameBytes.Ethernet(0x86dd, Ipv6(0, [.. hopByHop, .. udp])));
        Assert.That((p.IpVersion, p.Protocol, p.SourcePort, p.Fragment), Is.EqualTo((6, 17, 5353, false)));
        byte[] laterFragment = [17, 0, 0x00, 0x08, 0, 0, 0, 1];
        var f = Decode(FrameBytes.Ethernet(0x86dd, Ipv6(44, [.. laterFragment, .. udp])));
        Assert.That((f.Protocol, f.Fragment, f.SourcePort), Is.EqualTo((17, true, 0)));
    }

    [Test]
    public void EveryTruncationAndRandomBytesDecodeWithoutThrowing()
    {
        byte[][] samples =
        [
            FrameBytes.EthernetUdp("127.77.210.1", 53, "127.77.210.2", 40000, DnsMessage.Response("cloud.example", ["127.77.210.10"], "edge.example")),
            FrameBytes.EthernetTcp("127.77.210.2", 40000, "127.77.210.1", 443),
            FrameBytes.Ethernet(0x86dd, new byte[60]),
        ];
        foreach (var frame in samples)
        {
            for (var length = 0; length <= frame.Length; length++)
            {
                foreach (var link in new[] { 0, 1, 12, 101, 108, 113, 276, 228, 229, 9999 })
                {
                    var p = Decode(frame.AsSpan(0, length), (LinkType)link);
                    Assert.That(p.PayloadOffset + p.PayloadLength, Is.LessThanOrEqualTo(length), "the payload stays inside the frame");
                }
            }
        }
        var random = new Random(7);
        for (var i = 0; i < 20000; i++)
        {
            var junk = new byte[random.Next(0, 120)];
            random.NextBytes(junk);
            if (junk.Length > 14)
            {
                junk[12] = (byte)(i % 2 == 0 ? 0x08 : 0x86);
                junk[13] = (byte)(i % 2 == 0 ? 0x00 : 0xdd);
                junk[14] = (byte)((i % 2 == 0 ? 0x40 : 0x60) | (junk[14] & 0x0f));
            }
            var p = Decode(junk);
            Assert.That(p.PayloadOffset + p.PayloadLength, Is.LessThanOrEqualTo(junk.Length));
        }
    }

    [TestCase(20 + 3, FrameProblem.TruncatedUdpHeader)]
    [TestCase(19, FrameProblem.BadIpv4TotalLength)]
    public void MalformedHeadersAreNamed(int totalLength, FrameProblem why)
    {
        var ip = FrameBytes.IPv4(17, "127.77.210.2", "127.77.210.1", [0x9c, 0x40, 0x9c], totalLength);
        var p = Decode(FrameBytes.Ethernet(0x0800, ip));
        Assert.That(p.Problem, Is.EqualTo(why));
        Assert.That(p.Source.ToIPAddress(), Is.EqualTo(IPAddress.Parse("127.77.210.2")), "what could be read is kept");
    }

    [Test]
    public void HeadersAgreeWithPacketDotNet()
    {
        var random = new Random(8520);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var tcp = i % 2 == 0;
                var src = $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
                var dst = $"198.18.{random.Next(256)}.{random.Next(1, 255)}";
                var (sport, dport) = (random.Next(1, 65536), random.Next(1, 65536));
                var frame = tcp ? FrameBytes.EthernetTcp(src, sport, dst, dport) : FrameBytes.EthernetUdp(src, sport, dst, dport, new byte[random.Next(0, 40)]);
                var ours = Decode(frame);
                var theirs = PacketDotNet.Packet.ParsePacket(PacketDotNet.LinkLayers.Ethernet, frame);
                var ip = theirs.Extract<PacketDotNet.IPPacket>();
                Assert.That(ours.Source.ToIPAddress(), Is.EqualTo(ip.SourceAddress));
                Assert.That(ours.Destination.ToIPAddress(), Is.EqualTo(ip.DestinationAddress));
                Assert.That(ours.Protocol, Is.EqualTo((int)ip.Protocol));
                if (theirs.Extract<PacketDotNet.TcpPacket>() is { } t)
                {
                    Assert.That((ours.SourcePort, ours.DestinationPort), Is.EqualTo(((int)t.SourcePort, (int)t.DestinationPort)));
                    Assert.That(ours.TcpFlags, Is.EqualTo((byte)t.Flags));
                }
                if (theirs.Extract<PacketDotNet.UdpPacket>() is { } u)
                {
                    Assert.That((ours.SourcePort, ours.DestinationPort), Is.EqualTo(((int)u.SourcePort, (int)u.DestinationPort)));
                    Assert.That(ours.PayloadLength, Is.EqualTo(u.PayloadData.Length));
                }
            }
        });
    }

    private static byte[] Ipv6(byte next, byte[] payload)
    {
        var v6 = new byte[40 + payload.Length];
        v6[0] = 0x60;
        v6[4] = (byte)(payload.Length >> 8);
        v6[5] = (byte)payload.Length;
        v6[6] = next;
        v6[7] = 64;
        IPAddress.Parse("fe80::2").GetAddressBytes().CopyTo(v6, 8);
        IPAddress.Parse("ff02::fb").GetAddressBytes().CopyTo(v6, 24);
        payload.CopyTo(v6, 40);
        return v6;
    }
}
