using System.Buffers;
using System.Buffers.Binary;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// Writes a classic pcap file (magic a1b2c3d4, version 2.4, microsecond timestamps) to a stream,
/// record by record: each record is one write of header and data, so a write that fails part-way
/// can only cut the last record short, never damage an earlier one. After a failed write the writer
/// refuses further records (they would land after a torn one). One thread writes.
/// </summary>
public sealed class PcapWriter
{
    public const uint Magic = 0xa1b2c3d4;
    public const int GlobalHeaderLength = 24;
    public const int RecordHeaderLength = 16;
    public const int DefaultSnapLength = 262144;

    private readonly Stream _output;
    private volatile bool _faulted;

    /// <summary>Writes the global header at once.</summary>
    /// <param name="linkType">a LINKTYPE_ value (1 Ethernet, 113 Linux cooked, 101 raw IP)</param>
    public PcapWriter(Stream output, uint linkType, int snapLength = DefaultSnapLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapLength, 1);
        _output = output;
        LinkType = linkType;
        SnapLength = snapLength;
        Span<byte> header = stackalloc byte[GlobalHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0); // thiszone: timestamps are UTC
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // sigfigs
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], linkType);
        Append(header);
    }

    public uint LinkType { get; }
    public int SnapLength { get; }

    /// <summary>Records written completely.</summary>
    public long Records { get; private set; }

    /// <summary>True once a write failed; the file then ends with at most one torn record.</summary>
    public bool Faulted => _faulted;

    /// <summary>The pcap LINKTYPE_ for a libpcap DLT_ value (they differ only for raw IP: DLT 12 is LINKTYPE 101).</summary>
    public static uint LinkTypeOf(int dlt) => dlt == 12 ? 101u : (uint)dlt;

    public void Write(DateTimeOffset time, ReadOnlySpan<byte> data, int wireLength)
    {
        var ticks = Math.Max(0, (time - DateTimeOffset.UnixEpoch).Ticks);
        Write((ulong)(ticks / TimeSpan.TicksPerSecond), (uint)(ticks % TimeSpan.TicksPerSecond / 10), data, wireLength);
    }

    /// <param name="wireLength">the packet's length on the wire; data beyond the snap length is cut</param>
    public void Write(ulong seconds, uint microseconds, ReadOnlySpan<byte> data, int wireLength)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(microseconds, 1_000_000u);
        var included = Math.Min(data.Length, SnapLength);
        var length = RecordHeaderLength + included;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var record = buffer.AsSpan(0, length);
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)seconds);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], microseconds);
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)included);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)Math.Max(wireLength, data.Length));
            data[..included].CopyTo(record[RecordHeaderLength..]);
            Append(record);
            Records++;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_faulted)
            throw new InvalidOperationException("the pcap writer stopped after a failed write; the records before it are intact");
        try
        {
            _output.Write(bytes);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }
}
