using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace IoTopia.Certify.Wire.Tests.Support;

/// <summary>Builds DNS responses by hand (RFC 1035), with name compression, for the decoder and the wire.</summary>
public static class DnsMessage
{
    /// <summary>A response to "A <paramref name="name"/>?" answering with <paramref name="addresses"/>, through an optional CNAME.</summary>
    public static byte[] Response(string name, string[] addresses, string? canonical = null, ushort id = 0x1234)
    {
        var message = new List<byte>();
        Add16(message, id);
        Add16(message, 0x8180); // response, recursion desired and available, no error
        Add16(message, 1);
        Add16(message, (ushort)(addresses.Length + (canonical is null ? 0 : 1)));
        Add16(message, 0);
        Add16(message, 0);
        AddName(message, name);
        Add16(message, 1);
        Add16(message, 1);
        var owner = new byte[] { 0xc0, 12 }; // pointer to the question's name
        if (canonical is not null)
        {
            message.AddRange(owner);
            Add16(message, 5);
            Add16(message, 1);
            Add32(message, 60);
            var target = new List<byte>();
            AddName(target, canonical);
            Add16(message, (ushort)target.Count);
            var at = message.Count;
            message.AddRange(target);
            owner = [(byte)(0xc0 | (at >> 8)), (byte)at];
        }
        foreach (var address in addresses)
        {
            message.AddRange(owner);
            Add16(message, 1);
            Add16(message, 1);
            Add32(message, 60);
            Add16(message, 4);
            message.AddRange(IPAddress.Parse(address).GetAddressBytes());
        }
        return [.. message];
    }

    private static void AddName(List<byte> message, string name)
    {
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            message.Add((byte)bytes.Length);
            message.AddRange(bytes);
        }
        message.Add(0);
    }

    private static void Add16(List<byte> message, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        message.AddRange(b.ToArray());
    }

    private static void Add32(List<byte> message, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        message.AddRange(b.ToArray());
    }
}
