using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>DNS messages built and read by hand in the tests, independently of the resolver's code.</summary>
public static class DnsWire
{
    public static byte[] Query(ushort id, string name, ushort type = 1, ushort qclass = 1) =>
        Message(id, 0x0100, Name(name), type, qclass);

    /// <summary>A query with the given raw name bytes (for hostile names and pointers).</summary>
    public static byte[] Message(ushort id, ushort flags, byte[] rawName, ushort type = 1, ushort qclass = 1, ushort questions = 1)
    {
        var msg = new List<byte>();
        msg.AddRange(U16(id));
        msg.AddRange(U16(flags));
        msg.AddRange(U16(questions));
        msg.AddRange([0, 0, 0, 0, 0, 0]);
        msg.AddRange(rawName);
        msg.AddRange(U16(type));
        msg.AddRange(U16(qclass));
        return [.. msg];
    }

    public static byte[] Name(string name) =>
        [.. name.TrimEnd('.').Split('.').SelectMany(l => new[] { (byte)l.Length }.Concat(Encoding.ASCII.GetBytes(l))), 0];

    public static byte[] Labels(params byte[][] labels) =>
        [.. labels.SelectMany(l => new[] { (byte)l.Length }.Concat(l)), 0];

    public sealed record Reply(ushort Id, bool IsResponse, bool Authoritative, int Rcode, IReadOnlyList<IPAddress> Addresses, int AnswerCount);

    public static Reply Read(byte[] msg)
    {
        var flags = BinaryPrimitives.ReadUInt16BigEndian(msg.AsSpan(2));
        int qd = BinaryPrimitives.ReadUInt16BigEndian(msg.AsSpan(4));
        int an = BinaryPrimitives.ReadUInt16BigEndian(msg.AsSpan(6));
        var pos = 12;
        for (var i = 0; i < qd; i++)
            pos = SkipName(msg, pos) + 4;
        var addresses = new List<IPAddress>();
        for (var i = 0; i < an; i++)
        {
            pos = SkipName(msg, pos);
            var type = BinaryPrimitives.ReadUInt16BigEndian(msg.AsSpan(pos));
            int length = BinaryPrimitives.ReadUInt16BigEndian(msg.AsSpan(pos + 8));
            if (type == 1 && length == 4)
                addresses.Add(new IPAddress(msg.AsSpan(pos + 10, 4)));
            pos += 10 + length;
        }
        return new Reply(BinaryPrimitives.ReadUInt16BigEndian(msg), (flags & 0x8000) != 0, (flags & 0x0400) != 0, flags & 0xF, addresses, an);
    }

    private static int SkipName(byte[] msg, int pos)
    {
        while (true)
        {
            var b = msg[pos];
            if (b == 0)
                return pos + 1;
            if ((b & 0xC0) == 0xC0)
                return pos + 2;
            pos += 1 + b;
        }
    }

    private static byte[] U16(ushort v) => [(byte)(v >> 8), (byte)v];
}
