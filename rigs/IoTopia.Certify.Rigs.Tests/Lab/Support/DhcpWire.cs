using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>BOOTP/DHCP messages built and read by hand in the tests (RFC 2131/2132), independently of the listener's code.</summary>
public static class DhcpWire
{
    public static readonly byte[] Mac = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55];

    public static byte[] Inform(uint xid, IPAddress ciaddr, string mudUrl, string vendorClass = "IoTopia-RD:RD-1", string hostName = "rd-1") =>
        Build(xid, ciaddr,
        [
            (53, [8]),
            (61, [1, .. Mac]),
            (60, Encoding.ASCII.GetBytes(vendorClass)),
            (12, Encoding.ASCII.GetBytes(hostName)),
            (55, [1, 3, 6, 15, 42]),
            (161, Encoding.ASCII.GetBytes(mudUrl)),
        ]);

    public static byte[] Build(uint xid, IPAddress ciaddr, IEnumerable<(byte Code, byte[] Value)> options, uint cookie = 0x63825363)
    {
        var msg = new byte[236];
        msg[0] = 1;
        msg[1] = 1;
        msg[2] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(msg.AsSpan(4), xid);
        ciaddr.GetAddressBytes().CopyTo(msg, 12);
        Mac.CopyTo(msg, 28);
        var bytes = new List<byte>(msg);
        bytes.AddRange([(byte)(cookie >> 24), (byte)(cookie >> 16), (byte)(cookie >> 8), (byte)cookie]);
        foreach (var (code, value) in options)
        {
            bytes.Add(code);
            bytes.Add((byte)value.Length);
            bytes.AddRange(value);
        }
        bytes.Add(255);
        while (bytes.Count < 300)
            bytes.Add(0);
        return [.. bytes];
    }

    public sealed record Reply(byte Op, uint Xid, IPAddress Ciaddr, IPAddress Yiaddr, byte[] Chaddr, IReadOnlyDictionary<byte, byte[]> Options);

    public static Reply Read(byte[] msg)
    {
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(msg.AsSpan(236)), Is.EqualTo(0x63825363u), "magic cookie");
        var options = new Dictionary<byte, byte[]>();
        var pos = 240;
        while (pos < msg.Length && msg[pos] != 255)
        {
            if (msg[pos] == 0)
            {
                pos++;
                continue;
            }
            options[msg[pos]] = msg.AsSpan(pos + 2, msg[pos + 1]).ToArray();
            pos += 2 + msg[pos + 1];
        }
        return new Reply(msg[0], BinaryPrimitives.ReadUInt32BigEndian(msg.AsSpan(4)), new IPAddress(msg.AsSpan(12, 4)),
            new IPAddress(msg.AsSpan(16, 4)), msg.AsSpan(28, msg[2]).ToArray(), options);
    }
}
