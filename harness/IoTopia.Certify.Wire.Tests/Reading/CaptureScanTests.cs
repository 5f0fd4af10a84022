using System.Buffers.Binary;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Capture;
using IoTopia.Certify.Wire.Flows;
using IoTopia.Certify.Wire.Scan;
using IoTopia.Certify.Wire.Tests.Support;

namespace IoTopia.Certify.Wire.Tests.Reading;

/// <summary>Reading whole captures: from a pipe (no seeking), and hostile bytes through the fuzzing entry.</summary>
[TestFixture]
public sealed class CaptureScanTests
{
    private const string Device = "192.168.1.2";

    private static readonly FlowCollectorOptions Options = new() { Device = DeviceSelector.ByIp(IpAddr.From(System.Net.IPAddress.Parse(Device))) };

    private static byte[] Pcap(IEnumerable<byte[]> frames)
    {
        var bytes = new List<byte>();
        var header = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1);
        bytes.AddRange(header);
        var second = 1_700_000_000u;
        foreach (var frame in frames)
        {
            var record = new byte[16];
            BinaryPrimitives.WriteUInt32LittleEndian(record, second++);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), (uint)frame.Length);
            bytes.AddRange(record);
            bytes.AddRange(frame);
        }
        return [.. bytes];
    }

    private static byte[] Traffic() => Pcap(
    [
        FrameBytes.EthernetUdp("192.168.1.1", 53, Device, 40000, DnsMessage.Response("cloud.example", ["198.18.0.10"], "edge.example")),
        FrameBytes.EthernetTcp(Device, 40001, "198.18.0.10", 443),
        FrameBytes.EthernetTcp("198.18.0.10", 443, Device, 40001),
        FrameBytes.EthernetUdp(Device, 40002, "192.168.1.1", 123, new byte[48]),
    ]);

    [Test]
    public void CollectsFlowsAndNames()
    {
        var result = CaptureScan.Collect(Traffic(), Options);
        Assert.Multiple(() =>
        {
            Assert.That(result.Packets, Is.EqualTo(4));
            Assert.That(result.Flows.Flows.Select(f => f.ToString()), Is.EqualTo(new[] { "udp 192.168.1.2:40000 ↔ 192.168.1.1:53", "tcp 192.168.1.2:40001 ↔ 198.18.0.10:443", "udp 192.168.1.2:40002 ↔ 192.168.1.1:123" }));
            Assert.That(result.Flows.Flows[1].Packets, Is.EqualTo(2));
            Assert.That(result.Names.NamesOf(IpAddr.From(System.Net.IPAddress.Parse("198.18.0.10"))).Select(n => n.Name), Is.EquivalentTo(new[] { "edge.example", "cloud.example" }));
        });
    }

    [Test]
    public void ReadsFromAStreamThatCannotSeek()
    {
        using var pipe = new UnseekableStream(Traffic());
        var result = CaptureScan.Run(pipe, "-", Options);
        Assert.That((result.Packets, result.Error, result.Flows.Flows.Count), Is.EqualTo((4L, (CaptureFormatException?)null, 3)));
    }

    [Test]
    public void ATruncatedCaptureFailsWithItsByteOffsetOnly()
    {
        var bytes = Traffic();
        var e = Assert.Throws<CaptureFormatException>(() => CaptureScan.Collect(bytes[..^5], Options));
        var lastRecord = bytes.Length - 16 - FrameBytes.EthernetUdp(Device, 40002, "192.168.1.1", 123, new byte[48]).Length;
        Assert.That(e!.Offset, Is.EqualTo(lastRecord));
    }

    [Test]
    public void HostileBytesFailOnlyWithTheLibrarysException()
    {
        var good = Traffic();
        var random = new Random(8520);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])good.Clone();
            var cut = random.Next(2) == 0 ? random.Next(bytes.Length) : bytes.Length;
            for (var j = 0; j < 1 + random.Next(30); j++)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            try
            {
                CaptureScan.Collect(bytes[..cut], Options);
            }
            catch (CaptureFormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"mutant {i}: {e}");
            }
        }
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 7));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 7)]);
    }
}
