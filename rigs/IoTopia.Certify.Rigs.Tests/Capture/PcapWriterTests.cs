using System.Buffers.Binary;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Wire.Tests.Support;

namespace IoTopia.Certify.Rigs.Tests.Capture;

[TestFixture]
public sealed class PcapWriterTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "pcapwriter-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void HeaderIsClassicPcapVersion24WithSnapLengthAndLinkType()
    {
        using var stream = new MemoryStream();
        _ = new PcapWriter(stream, 113, snapLength: 1500);
        var h = stream.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(h, Has.Length.EqualTo(24));
            Assert.That(h[..4], Is.EqualTo(new byte[] { 0xd4, 0xc3, 0xb2, 0xa1 }), "a1b2c3d4 written little-endian");
            Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(4)), Is.EqualTo(2));
            Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(6)), Is.EqualTo(4));
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(16)), Is.EqualTo(1500));
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(20)), Is.EqualTo(113));
            Assert.That(PcapWriter.LinkTypeOf(12), Is.EqualTo(101), "DLT_RAW is written as LINKTYPE_RAW");
            Assert.That(PcapWriter.LinkTypeOf(1), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task TsharkReadsTheRecordsWithTheirTimesAndLengths()
    {
        var path = Path.Combine(_dir, "a.pcap");
        var t0 = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234560); // .123456 s
        await using (var file = File.Create(path))
        {
            var writer = new PcapWriter(file, 1, snapLength: 60);
            writer.Write(t0, FrameBytes.EthernetUdp("127.77.210.2", 40000, "127.77.210.1", 40001, new byte[10]), 52);
            writer.Write(t0.AddSeconds(1), FrameBytes.EthernetTcp("127.77.210.1", 443, "127.77.210.2", 40002), 54);
            writer.Write(t0.AddSeconds(2), FrameBytes.EthernetUdp("127.77.210.2", 40000, "127.77.210.9", 9, new byte[100]), 142);
            Assert.That(writer.Records, Is.EqualTo(3));
        }

        var (exit, lines, errors) = await Tshark.FieldsAsync(path, "ip.src", "ip.dst", "frame.len", "frame.cap_len", "frame.time_epoch");
        Assert.That(exit, Is.Zero, errors);
        Assert.That(lines.Select(l => string.Join(' ', l.Split('\t')[..4])), Is.EqualTo(new[]
        {
            "127.77.210.2 127.77.210.1 52 52",
            "127.77.210.1 127.77.210.2 54 54",
            "127.77.210.2 127.77.210.9 142 60", // cut at the snap length, the wire length kept
        }));
        Assert.That(lines[0].Split('\t')[4], Does.StartWith($"{t0.ToUnixTimeSeconds()}.123456"), "microsecond timestamps");
    }

    [Test]
    public async Task AWriteThatFailsPartWayCutsOnlyTheLastRecord()
    {
        var path = Path.Combine(_dir, "torn.pcap");
        var frame = FrameBytes.EthernetUdp("127.77.210.2", 40000, "127.77.210.1", 40001, new byte[20]);
        long intact;
        await using (var file = File.Create(path))
        {
            var failing = new FailingStream(file, failAfter: 24 + 2 * (16 + frame.Length) + 10);
            var writer = new PcapWriter(failing, 1);
            writer.Write(DateTimeOffset.UtcNow, frame, frame.Length);
            writer.Write(DateTimeOffset.UtcNow, frame, frame.Length);
            intact = file.Length;
            Assert.Throws<IOException>(() => writer.Write(DateTimeOffset.UtcNow, frame, frame.Length));
            Assert.That(writer.Faulted, Is.True);
            Assert.Throws<InvalidOperationException>(() => writer.Write(DateTimeOffset.UtcNow, frame, frame.Length),
                "nothing is appended after a torn record");
            Assert.That(writer.Records, Is.EqualTo(2));
        }
        Assert.That(new FileInfo(path).Length, Is.EqualTo(intact + 10), "the torn record is the file's tail");

        var (_, lines, errors) = await Tshark.FieldsAsync(path, "ip.src", "ip.dst");
        Assert.That(lines, Is.EqualTo(new[] { "127.77.210.2\t127.77.210.1", "127.77.210.2\t127.77.210.1" }), errors);
        Assert.That(errors, Does.Contain("cut short"), "tshark reads the intact records and names the torn one");
    }

    /// <summary>A disk that fills up: accepts bytes up to a limit, writes what fits of the write that crosses it, then throws.</summary>
    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var room = (int)Math.Min(buffer.Length, failAfter - _written);
            inner.Write(buffer[..room]);
            _written += room;
            if (room < buffer.Length)
                throw new IOException("No space left on device");
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
