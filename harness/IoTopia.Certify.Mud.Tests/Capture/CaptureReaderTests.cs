using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Tests.Flows;
using IoTopia.Certify.Mud.Tests.Support;
using IoTopia.Certify.Wire.Capture;
using IoTopia.Certify.Wire.Frames;

namespace IoTopia.Certify.Mud.Tests.Capture;

/// <summary>The streaming reader: every format it claims, hostile files, and agreement with tshark and PacketDotNet.</summary>
public class CaptureReaderTests
{
    private static List<(long Number, long Nanos, LinkType Link, byte[] Data)> ReadAll(string path)
    {
        var list = new List<(long, long, LinkType, byte[])>();
        using var reader = CaptureReader.Open(path);
        while (reader.Next())
            list.Add((reader.Number, reader.TimestampNanos, reader.LinkType, reader.Data.ToArray()));
        return list;
    }

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public void ClassicPcapInEitherByteOrderAndResolution(bool bigEndian, bool nanos)
    {
        var traffic = Sensor.Compliant();
        using var folder = new TempFolder();
        var path = folder.Write("c.pcap", PcapWriter.Classic(traffic.Packets, bigEndian: bigEndian, nanos: nanos));
        var packets = ReadAll(path);
        Assert.Multiple(() =>
        {
            Assert.That(packets, Has.Count.EqualTo(traffic.Count));
            Assert.That(packets.Select(p => p.Data), Is.EqualTo(traffic.Packets.Select(p => p.Frame)));
            Assert.That(packets.Select(p => p.Nanos), Is.EqualTo(traffic.Packets.Select(p => p.Micros * 1000)));
            Assert.That(packets.All(p => p.Link == LinkType.Ethernet), Is.True);
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void PcapngEnhancedAndSimplePacketBlocks(bool simple)
    {
        var traffic = Sensor.Compliant();
        using var folder = new TempFolder();
        var path = folder.Write("c.pcapng", PcapWriter.Pcapng(traffic.Packets, simpleBlocks: simple));
        var packets = ReadAll(path);
        Assert.Multiple(() =>
        {
            Assert.That(packets.Select(p => p.Data), Is.EqualTo(traffic.Packets.Select(p => p.Frame)));
            if (!simple)
                Assert.That(packets.Select(p => p.Nanos), Is.EqualTo(traffic.Packets.Select(p => p.Micros * 1000)));
        });
    }

    [Test]
    public void PcapngDropsMakeTheCheckInconclusive()
    {
        var traffic = Sensor.Compliant();
        using var folder = new TempFolder();
        var path = folder.Write("c.pcapng", PcapWriter.Pcapng(traffic.Packets, drops: 7));
        var settings = Sensor.Settings();
        var report = FlowJudge.Judge(Sensor.Mud(), CaptureAnalyzer.Analyze(path, settings), settings);
        Assert.Multiple(() =>
        {
            Assert.That(report.Capture.ReportedDrops, Is.EqualTo(7));
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Inconclusive));
            Assert.That(report.Reason, Does.Contain("7 dropped"));
        });
    }

    [Test]
    public void LinuxCookedCaptureIsDecoded()
    {
        var traffic = Sensor.Compliant();
        var sll = traffic.Packets.Select(p =>
        {
            var header = new byte[16];
            header[1] = p.Frame.AsSpan(6, 6).SequenceEqual(FrameBuilder.Mac(DeviceTraffic.DeviceMac)) ? (byte)4 : (byte)0;
            header[3] = 1;
            header[5] = 6;
            p.Frame.AsSpan(6, 6).CopyTo(header.AsSpan(6));
            header[14] = p.Frame[12];
            header[15] = p.Frame[13];
            return (p.Micros, (byte[])[.. header, .. p.Frame[14..]]);
        }).ToList();
        using var folder = new TempFolder();
        var path = folder.Write("sll.pcap", PcapWriter.Classic(sll, linkType: 113));
        var settings = Sensor.Settings();
        var report = FlowJudge.Judge(Sensor.Mud(), CaptureAnalyzer.Analyze(path, settings), settings);
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
            Assert.That(report.To(Sensor.ApiIp).Flow.Packets, Is.EqualTo(6));
        });
    }

    [Test]
    public void TruncatedPacketNamesFileAndOffsetAndKeepsWhatWasRead()
    {
        var bytes = Sensor.Compliant().Pcap();
        using var folder = new TempFolder();
        var path = folder.Write("cut.pcap", bytes[..^5]);
        var read = 0;
        var e = Assert.Throws<CaptureFormatException>(() =>
        {
            using var reader = CaptureReader.Open(path);
            while (reader.Next())
                read++;
        });
        var lastRecord = bytes.Length - (16 + Sensor.Compliant().Packets[^1].Frame.Length);
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(Sensor.Compliant().Count - 1));
            Assert.That(e!.Offset, Is.EqualTo(lastRecord));
            Assert.That(e.Message, Does.StartWith(path).And.Contain($"at byte offset {lastRecord}").And.Contain("truncated"));
        });
    }

    [TestCase(new byte[] { 1, 2, 3 }, "shorter than a pcap header")]
    [TestCase(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x31, 0x7D, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "not a pcap or pcapng file")]
    public void NotACaptureIsNamed(byte[] bytes, string message)
    {
        using var folder = new TempFolder();
        var path = folder.Write("x.pcap", bytes);
        var e = Assert.Throws<CaptureFormatException>(() => CaptureReader.Open(path).Dispose());
        Assert.That(e!.Message, Does.Contain(message).And.Contain("byte offset 0"));
    }

    [Test]
    public void AbsurdRecordLengthIsGarbledNotAnAllocation()
    {
        var bytes = Sensor.Compliant().Pcap();
        BitConverter.GetBytes(0x7FFF_FFF0).CopyTo(bytes, 24 + 8);
        using var folder = new TempFolder();
        var path = folder.Write("huge.pcap", bytes);
        var e = Assert.Throws<CaptureFormatException>(() =>
        {
            using var reader = CaptureReader.Open(path);
            while (reader.Next())
            {
            }
        });
        Assert.That(e!.Message, Does.Contain("garbled").And.Contain("byte offset 24"));
    }

    [Test]
    public void GarbledPcapngBlockLengthIsNamed()
    {
        var bytes = PcapWriter.Pcapng(Sensor.Compliant().Packets);
        var second = BitConverter.ToInt32(bytes, 4);
        BitConverter.GetBytes(13).CopyTo(bytes, second + 4);
        using var folder = new TempFolder();
        var path = folder.Write("bad.pcapng", bytes);
        var e = Assert.Throws<CaptureFormatException>(() =>
        {
            using var reader = CaptureReader.Open(path);
            while (reader.Next())
            {
            }
        });
        Assert.That(e!.Message, Does.Contain("impossible length 13").And.Contain($"byte offset {second}"));
    }

    [Test]
    public void RandomBytesNeverThrowAnythingButFormatErrors()
    {
        var random = new Random(8520);
        var good = PcapWriter.Classic(Sensor.Compliant().Packets);
        using var folder = new TempFolder();
        for (var i = 0; i < 200; i++)
        {
            var bytes = (byte[])good.Clone();
            for (var j = 0; j < 20; j++)
                bytes[24 + random.Next(bytes.Length - 24)] = (byte)random.Next(256);
            var path = folder.Write($"fuzz{i}.pcap", bytes);
            try
            {
                var settings = Sensor.Settings();
                FlowJudge.Judge(Sensor.Mud(), CaptureAnalyzer.Analyze(path, settings), settings);
            }
            catch (Exception e)
            {
                Assert.Fail($"fuzz case {i}: {e}");
            }
        }
    }

    [Test]
    public async Task PacketCountsAgreeWithTsharkOnTheCorpusCapture()
    {
        var path = Corpus.File("tplink-tapo-p115.pcap");
        var tshark = await Tshark.RowsAsync(path, "frame.number", "frame.len");
        var ours = ReadAll(path);
        Assert.Multiple(() =>
        {
            Assert.That(ours, Has.Count.EqualTo(tshark.Count));
            Assert.That(ours.Select(p => p.Data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(tshark.Select(t => t[1])));
        });
    }

    [TestCase("pcap")]
    [TestCase("pcapng")]
    public async Task FixturesAgreeWithTsharkOnCountsAndConversations(string format)
    {
        var traffic = Sensor.Compliant().RemoteRefused("192.0.2.50", 41000, 23).UdpExchange(DeviceTraffic.GatewayIp, 123);
        using var folder = new TempFolder();
        var path = folder.Write($"f.{format}", format == "pcap" ? traffic.Pcap() : PcapWriter.Pcapng(traffic.Packets));
        var tshark = await Tshark.RowsAsync(path, "frame.number", "ip.src", "ip.dst", "tcp.srcport", "udp.srcport", "dns.a", "tls.handshake.extensions_server_name");
        var settings = Sensor.Settings();
        var analysis = CaptureAnalyzer.Analyze(path, settings);
        Assert.Multiple(() =>
        {
            Assert.That(analysis.Packets, Is.EqualTo(tshark.Count));
            Assert.That(analysis.Packets, Is.EqualTo(traffic.Count));
            var tsharkPairs = tshark.Select(t => (t[1], t[2], t[3] + t[4])).Distinct().Count();
            Assert.That(tsharkPairs, Is.EqualTo(analysis.Flows.Sum(f => (f.PacketsFromDevice > 0 ? 1 : 0) + (f.PacketsToDevice > 0 ? 1 : 0))));
            Assert.That(tshark.Select(t => t[5]).Where(a => a.Length > 0), Is.EqualTo(new[] { Sensor.ApiIp }));
            Assert.That(tshark.Select(t => t[6]).Where(a => a.Length > 0), Is.EqualTo(new[] { Sensor.Api }));
        });
    }

    [Test]
    public void HeadersAgreeWithPacketDotNet()
    {
        var traffic = Sensor.Compliant().RemoteRefused("192.0.2.50", 41000, 23).UdpExchange(DeviceTraffic.GatewayIp, 123);
        var decoded = default(DecodedPacket);
        Assert.Multiple(() =>
        {
            foreach (var (_, frame) in traffic.Packets)
            {
                FrameDecoder.Decode(frame, LinkType.Ethernet, ref decoded);
                var theirs = PacketDotNet.Packet.ParsePacket(PacketDotNet.LinkLayers.Ethernet, frame);
                var ip = theirs.Extract<PacketDotNet.IPPacket>();
                Assert.That(decoded.Source.ToIPAddress(), Is.EqualTo(ip.SourceAddress));
                Assert.That(decoded.Destination.ToIPAddress(), Is.EqualTo(ip.DestinationAddress));
                Assert.That(decoded.Protocol, Is.EqualTo((int)ip.Protocol));
                if (theirs.Extract<PacketDotNet.TcpPacket>() is { } tcp)
                {
                    Assert.That((decoded.SourcePort, decoded.DestinationPort), Is.EqualTo(((int)tcp.SourcePort, (int)tcp.DestinationPort)));
                    Assert.That(decoded.TcpFlags, Is.EqualTo((byte)tcp.Flags));
                    Assert.That(decoded.PayloadLength, Is.EqualTo(tcp.PayloadData?.Length ?? 0));
                }
                if (theirs.Extract<PacketDotNet.UdpPacket>() is { } udp)
                    Assert.That((decoded.SourcePort, decoded.DestinationPort), Is.EqualTo(((int)udp.SourcePort, (int)udp.DestinationPort)));
            }
        });
    }

    [Test]
    public void TruncatedPcapngBlockNamesItsOffsetAndKeepsEarlierPackets()
    {
        var traffic = Sensor.Compliant();
        var bytes = PcapWriter.Pcapng(traffic.Packets);
        var lastBlock = bytes.Length - (32 + (traffic.Packets[^1].Frame.Length + 3) / 4 * 4);
        using var folder = new TempFolder();
        var path = folder.Write("cut.pcapng", bytes[..^6]);
        var settings = Sensor.Settings();
        var analysis = CaptureAnalyzer.Analyze(path, settings);
        Assert.Multiple(() =>
        {
            Assert.That(analysis.Error, Is.Not.Null);
            Assert.That(analysis.Error!.Offset, Is.EqualTo(lastBlock));
            Assert.That(analysis.Error.Message, Does.Contain("block of type 0x00000006 is truncated"));
            Assert.That(analysis.Packets, Is.EqualTo(traffic.Count - 1));
            Assert.That(FlowJudge.Judge(Sensor.Mud(), analysis, settings).Verdict, Is.EqualTo(CheckVerdict.BadCapture));
        });
    }
}
