using System.Buffers.Binary;

namespace IoTopia.Certify.Mud.Tests.Support;

/// <summary>Writes test captures: classic pcap (either byte order, micro- or nanosecond) or pcapng (SHB, IDB, EPB, optionally SPB).</summary>
public static class PcapWriter
{
    public static byte[] Classic(IReadOnlyList<(long Micros, byte[] Frame)> packets, int linkType = 1, bool bigEndian = false, bool nanos = false)
    {
        var output = new List<byte>();
        output.AddRange(U32(nanos ? 0xA1B23C4D : 0xA1B2C3D4, bigEndian));
        output.AddRange(U16(2, bigEndian));
        output.AddRange(U16(4, bigEndian));
        output.AddRange(U32(0, bigEndian));
        output.AddRange(U32(0, bigEndian));
        output.AddRange(U32(262144, bigEndian));
        output.AddRange(U32((uint)linkType, bigEndian));
        foreach (var (micros, frame) in packets)
        {
            output.AddRange(U32((uint)(micros / 1_000_000), bigEndian));
            output.AddRange(U32((uint)(nanos ? micros % 1_000_000 * 1000 : micros % 1_000_000), bigEndian));
            output.AddRange(U32((uint)frame.Length, bigEndian));
            output.AddRange(U32((uint)frame.Length, bigEndian));
            output.AddRange(frame);
        }
        return output.ToArray();
    }

    public static byte[] Pcapng(IReadOnlyList<(long Micros, byte[] Frame)> packets, int linkType = 1, bool simpleBlocks = false, ulong? drops = null)
    {
        var output = new List<byte>();
        Block(output, 0x0A0D0D0A, [.. U32(0x1A2B3C4D, false), .. U16(1, false), .. U16(0, false), .. U64(ulong.MaxValue)]);
        Block(output, 1, [.. U16((ushort)linkType, false), 0, 0, .. U32(262144, false), 0, 0, 0, 0]);
        foreach (var (micros, frame) in packets)
        {
            var padded = frame.Concat(new byte[(4 - frame.Length % 4) % 4]).ToArray();
            if (simpleBlocks)
            {
                Block(output, 3, [.. U32((uint)frame.Length, false), .. padded]);
                continue;
            }
            var ts = (ulong)micros;
            Block(output, 6, [.. U32(0, false), .. U32((uint)(ts >> 32), false), .. U32((uint)ts, false), .. U32((uint)frame.Length, false), .. U32((uint)frame.Length, false), .. padded]);
        }
        if (drops is { } d)
            Block(output, 5, [.. U32(0, false), 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 8, 0, .. U64(d), 0, 0, 0, 0]);
        return output.ToArray();
    }

    private static void Block(List<byte> output, uint type, byte[] body)
    {
        var length = (uint)(12 + body.Length);
        output.AddRange(U32(type, false));
        output.AddRange(U32(length, false));
        output.AddRange(body);
        output.AddRange(U32(length, false));
    }

    private static byte[] U32(uint v, bool bigEndian)
    {
        var b = new byte[4];
        if (bigEndian)
            BinaryPrimitives.WriteUInt32BigEndian(b, v);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return b;
    }

    private static byte[] U16(ushort v, bool bigEndian)
    {
        var b = new byte[2];
        if (bigEndian)
            BinaryPrimitives.WriteUInt16BigEndian(b, v);
        else
            BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        return b;
    }

    private static byte[] U64(ulong v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        return b;
    }
}
