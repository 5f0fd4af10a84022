using System.Buffers.Binary;

namespace IoTopia.Certify.Wire.Capture;

/// <summary>
/// Streams the packets of a classic pcap (either byte order, micro- or nanosecond) or pcapng file
/// (SHB, IDB, EPB, SPB, ISB; other blocks skipped) from any readable stream — a file, or a pipe such as
/// standard input: it never seeks — one packet at a time out of a reused buffer filled by large reads:
/// the capture is never held in memory and no packet allocates. A truncated or garbled file throws
/// <see cref="CaptureFormatException"/> naming the byte offset; the packets delivered before stay valid.
/// That exception is the reader's only failure on malformed input.
/// </summary>
public sealed class CaptureReader : IDisposable
{
    private const int ChunkBytes = 1 << 20;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _file;
    private bool _pcapng;
    private byte[] _chunk = new byte[ChunkBytes];
    private int _start;
    private int _end;
    private long _chunkOffset;
    private bool _eof;
    private bool _bigEndian;
    private long _nanosPerTickNum = 1000;
    private LinkType _classicLink;
    private readonly List<PcapngInterface> _interfaces = [];
    private int _dataOffset;

    private CaptureReader(Stream stream, string file, bool leaveOpen)
    {
        _stream = stream;
        _file = file;
        _leaveOpen = leaveOpen;
    }

    /// <summary>1-based number of the current packet (as Wireshark numbers frames).</summary>
    public long Number { get; private set; }

    /// <summary>Byte offset of the current packet's record or block.</summary>
    public long Offset { get; private set; }

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public long TimestampNanos { get; private set; }

    public LinkType LinkType { get; private set; }

    public int OriginalLength { get; private set; }

    public int CapturedLength { get; private set; }

    /// <summary>Packets the capturing interfaces reported dropped (pcapng interface statistics), summed.</summary>
    public long ReportedDrops { get; private set; }

    public string Format => _pcapng ? "pcapng" : "pcap";

    /// <summary>The current packet's bytes; valid until the next <see cref="Next"/>.</summary>
    public ReadOnlySpan<byte> Data => _chunk.AsSpan(_dataOffset, CapturedLength);

    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch.AddTicks(TimestampNanos / 100);

    /// <summary>Opens a capture file.</summary>
    public static CaptureReader Open(string path) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan), path, leaveOpen: false);

    /// <summary>Reads a capture from <paramref name="stream"/> (seekable or not); <paramref name="name"/> is what errors call it.</summary>
    public static CaptureReader Open(Stream stream, string name, bool leaveOpen = false)
    {
        var reader = new CaptureReader(stream, name, leaveOpen);
        try
        {
            reader.ReadFileHeader();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Reads a capture held in memory (e.g. a fuzzer's input).</summary>
    public static CaptureReader Open(byte[] capture, string name = "capture") =>
        Open(new MemoryStream(capture, writable: false), name, leaveOpen: false);

    /// <summary>Moves to the next packet; false at the end of the file.</summary>
    public bool Next() => _pcapng ? NextPcapng() : NextClassic();

    private void ReadFileHeader()
    {
        if (!Available(4, 0, "not a capture: the file is shorter than a pcap header", allowEof: true))
            throw new CaptureFormatException(_file, 0, "not a capture: the file is shorter than a pcap header (it is empty)");
        if (BinaryPrimitives.ReadUInt32LittleEndian(_chunk.AsSpan(_start)) == 0x0A0D0D0A)
        {
            _pcapng = true;
            return;
        }
        var at = Take(24, 0, "the pcap file header is truncated", allowEof: false);
        var header = _chunk.AsSpan(at, 24);
        var le = BinaryPrimitives.ReadUInt32LittleEndian(header);
        (_bigEndian, _nanosPerTickNum) = le switch
        {
            0xA1B2C3D4 => (false, 1000L),
            0xA1B23C4D => (false, 1L),
            0xD4C3B2A1 => (true, 1000L),
            0x4D3CB2A1 => (true, 1L),
            _ => throw new CaptureFormatException(_file, 0, $"not a pcap or pcapng file (magic 0x{le:x8})"),
        };
        _classicLink = (LinkType)(U32(header[20..]) & 0x0FFFFFFF);
    }

    private bool NextClassic()
    {
        var offset = Position;
        if (_end - _start < 16 && !Available(16, offset, "the packet record header is truncated", allowEof: true))
            return false;
        var header = _chunk.AsSpan(_start, 16);
        var seconds = U32(header);
        var fraction = U32(header[4..]);
        var captured = U32(header[8..]);
        var original = U32(header[12..]);
        if (captured > CaptureLimits.MaxPacketBytes)
            throw new CaptureFormatException(_file, offset, $"packet {Number + 1} claims {captured} captured bytes (limit {CaptureLimits.MaxPacketBytes}): the file is garbled");
        var record = 16 + (int)captured;
        // The problem text is built only when the record is not already in the buffer (never per packet).
        var at = _end - _start >= record ? Consume(record) : Take(record, offset, $"packet {Number + 1} is truncated (header says {captured} bytes)", allowEof: false);
        Number++;
        Offset = offset;
        _dataOffset = at + 16;
        CapturedLength = (int)captured;
        OriginalLength = (int)Math.Min(original, int.MaxValue);
        LinkType = _classicLink;
        TimestampNanos = (long)seconds * 1_000_000_000L + fraction * _nanosPerTickNum;
        return true;
    }

    private bool NextPcapng()
    {
        while (true)
        {
            var offset = Position;
            if (_end - _start < 8 && !Available(8, offset, "the block header is truncated", allowEof: true))
                return false;
            if (BinaryPrimitives.ReadUInt32LittleEndian(_chunk.AsSpan(_start)) == 0x0A0D0D0A)
                ReadSectionHeader(offset);
            var type = U32(_chunk.AsSpan(_start));
            var length = U32(_chunk.AsSpan(_start + 4));
            if (length < 12 || length % 4 != 0 || length > CaptureLimits.MaxBlockBytes)
                throw new CaptureFormatException(_file, offset, $"block of type 0x{type:x8} has an impossible length {length}");
            var at = _end - _start >= length ? Consume((int)length) : Take((int)length, offset, $"block of type 0x{type:x8} is truncated (header says {length} bytes)", allowEof: false);
            var bodyLength = (int)length - 12;
            if (U32(_chunk.AsSpan(at + 8 + bodyLength)) != length)
                throw new CaptureFormatException(_file, offset, $"block of type 0x{type:x8}: its trailing length differs from its leading length");
            var body = _chunk.AsSpan(at + 8, bodyLength);
            switch (type)
            {
                case 0x0A0D0D0A:
                    break;
                case 1:
                    ReadInterface(body, offset);
                    break;
                case 5:
                    ReadStatistics(body);
                    break;
                case 6:
                    ReadEnhanced(body, offset, at + 8);
                    return true;
                case 3:
                    ReadSimple(body, offset, at + 8);
                    return true;
            }
        }
    }

    private void ReadSectionHeader(long offset)
    {
        // The byte-order magic follows the length: read it before interpreting the length.
        Available(12, offset, "the section header is truncated", allowEof: false);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(_chunk.AsSpan(_start + 8));
        _bigEndian = magic switch
        {
            0x1A2B3C4D => false,
            0x4D3C2B1A => true,
            _ => throw new CaptureFormatException(_file, offset, $"section header has a bad byte-order magic 0x{magic:x8}"),
        };
        _interfaces.Clear();
    }

    private void ReadInterface(ReadOnlySpan<byte> body, long offset)
    {
        if (body.Length < 8)
            throw new CaptureFormatException(_file, offset, "interface description block is too short");
        if (_interfaces.Count >= CaptureLimits.MaxInterfaces)
            throw new CaptureFormatException(_file, offset, $"more than {CaptureLimits.MaxInterfaces} interfaces");
        var link = (LinkType)U16(body);
        var snap = U32(body[4..]);
        var resolution = (byte)6;
        foreach (var (code, value) in Options(body[8..]))
        {
            if (code == 9 && value.Length >= 1)
                resolution = value[0];
        }
        _interfaces.Add(new PcapngInterface(link, snap, resolution));
    }

    private void ReadStatistics(ReadOnlySpan<byte> body)
    {
        if (body.Length < 12)
            return;
        foreach (var (code, value) in Options(body[12..]))
        {
            if (code == 5 && value.Length >= 8)
                ReportedDrops += (long)Math.Min(U64(value), long.MaxValue / 4);
        }
    }

    private void ReadEnhanced(ReadOnlySpan<byte> body, long offset, int bodyAt)
    {
        if (body.Length < 20)
            throw new CaptureFormatException(_file, offset, "enhanced packet block is too short");
        var iface = Interface(U32(body), offset);
        var ticks = ((ulong)U32(body[4..]) << 32) | U32(body[8..]);
        var captured = U32(body[12..]);
        var original = U32(body[16..]);
        if (captured > body.Length - 20)
            throw new CaptureFormatException(_file, offset, $"enhanced packet block: captured length {captured} exceeds the block");
        Deliver(offset, iface, bodyAt + 20, (int)captured, original, ticks);
    }

    private void ReadSimple(ReadOnlySpan<byte> body, long offset, int bodyAt)
    {
        if (body.Length < 4)
            throw new CaptureFormatException(_file, offset, "simple packet block is too short");
        var iface = Interface(0, offset);
        var original = U32(body);
        var captured = (int)Math.Min(Math.Min(original, (uint)(body.Length - 4)), iface.SnapLength == 0 ? uint.MaxValue : iface.SnapLength);
        Deliver(offset, iface, bodyAt + 4, captured, original, null);
    }

    private void Deliver(long offset, PcapngInterface iface, int dataOffset, int captured, uint original, ulong? ticks)
    {
        Number++;
        Offset = offset;
        _dataOffset = dataOffset;
        CapturedLength = captured;
        OriginalLength = (int)Math.Min(original, int.MaxValue);
        LinkType = iface.LinkType;
        TimestampNanos = ticks is { } t ? iface.ToNanos(t) : 0;
    }

    private PcapngInterface Interface(uint id, long offset) =>
        id < _interfaces.Count
            ? _interfaces[(int)id]
            : throw new CaptureFormatException(_file, offset, $"packet refers to interface {id}, which no interface description block declared");

    private List<(ushort Code, byte[] Value)> Options(ReadOnlySpan<byte> options)
    {
        var list = new List<(ushort, byte[])>();
        var at = 0;
        while (at + 4 <= options.Length)
        {
            var code = U16(options[at..]);
            var length = U16(options[(at + 2)..]);
            if (code == 0 || at + 4 + length > options.Length)
                break;
            list.Add((code, options.Slice(at + 4, length).ToArray()));
            at += 4 + ((length + 3) & ~3);
        }
        return list;
    }

    private long Position => _chunkOffset + _start;

    /// <summary>Makes <paramref name="count"/> bytes available at <c>_start</c> (reading more, compacting or growing the chunk); false at a clean end of file.</summary>
    private bool Available(int count, long recordOffset, string problem, bool allowEof)
    {
        while (_end - _start < count && !_eof)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_chunk, _start, _chunk, 0, _end - _start);
                _chunkOffset += _start;
                _end -= _start;
                _start = 0;
            }
            if (count > _chunk.Length)
                Array.Resize(ref _chunk, Math.Max(count, _chunk.Length * 2));
            var read = _stream.Read(_chunk, _end, _chunk.Length - _end);
            if (read == 0)
                _eof = true;
            _end += read;
        }
        var available = _end - _start;
        if (available >= count)
            return true;
        if (available == 0 && allowEof)
            return false;
        throw new CaptureFormatException(_file, recordOffset, $"{problem}; the file ends after {available} of {count} bytes");
    }

    /// <summary>Consumes <paramref name="count"/> bytes already in the chunk; returns where they start.</summary>
    private int Consume(int count)
    {
        var at = _start;
        _start += count;
        return at;
    }

    /// <summary>Consumes <paramref name="count"/> bytes and returns where they start in the chunk (valid until the next read).</summary>
    private int Take(int count, long recordOffset, string problem, bool allowEof)
    {
        Available(count, recordOffset, problem, allowEof);
        var at = _start;
        _start += count;
        return at;
    }

    private uint U32(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private ushort U16(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    private ulong U64(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b);

    public void Dispose()
    {
        if (!_leaveOpen)
            _stream.Dispose();
    }
}
