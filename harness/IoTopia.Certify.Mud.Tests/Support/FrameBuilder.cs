using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace IoTopia.Certify.Mud.Tests.Support;

/// <summary>Builds Ethernet/IPv4/IPv6/TCP/UDP frames and the application payloads the flow tests need (DNS, TLS ClientHello, DHCP, LLDP).</summary>
public static class FrameBuilder
{
    public const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;

    public static byte[] Ethernet(string src, string dst, int ethertype, byte[] payload)
    {
        var frame = new byte[14 + payload.Length];
        Mac(dst).CopyTo(frame, 0);
        Mac(src).CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), (ushort)ethertype);
        payload.CopyTo(frame, 14);
        return frame;
    }

    public static byte[] Ip(string src, string dst, int protocol, byte[] payload)
    {
        var s = IPAddress.Parse(src);
        var d = IPAddress.Parse(dst);
        if (s.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var v6 = new byte[40 + payload.Length];
            v6[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(v6.AsSpan(4), (ushort)payload.Length);
            v6[6] = (byte)protocol;
            v6[7] = 64;
            s.GetAddressBytes().CopyTo(v6, 8);
            d.GetAddressBytes().CopyTo(v6, 24);
            payload.CopyTo(v6, 40);
            return v6;
        }
        var ip = new byte[20 + payload.Length];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;
        ip[9] = (byte)protocol;
        s.GetAddressBytes().CopyTo(ip, 12);
        d.GetAddressBytes().CopyTo(ip, 16);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), Checksum(ip.AsSpan(0, 20)));
        payload.CopyTo(ip, 20);
        return ip;
    }

    public static byte[] Tcp(int sport, int dport, byte flags, byte[]? payload = null, uint seq = 1, uint ack = 0)
    {
        payload ??= [];
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)sport);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), (ushort)dport);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(8), ack);
        tcp[12] = 5 << 4;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        payload.CopyTo(tcp, 20);
        return tcp;
    }

    public static byte[] Udp(int sport, int dport, byte[] payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)sport);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), (ushort)dport);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp, 8);
        return udp;
    }

    /// <summary>A DNS response for <paramref name="query"/> (type A) with answers: (owner, "CNAME", target) or (owner, "A"/"AAAA", address).</summary>
    public static byte[] DnsResponse(ushort id, string query, params (string Owner, string Type, string Value)[] answers)
    {
        var m = new List<byte>();
        void U16(int v) { m.Add((byte)(v >> 8)); m.Add((byte)v); }
        U16(id);
        U16(0x8180);
        U16(1);
        U16(answers.Length);
        U16(0);
        U16(0);
        m.AddRange(Name(query));
        U16(1);
        U16(1);
        foreach (var (owner, type, value) in answers)
        {
            m.AddRange(Name(owner));
            var rdata = type switch
            {
                "CNAME" => Name(value),
                _ => IPAddress.Parse(value).GetAddressBytes(),
            };
            U16(type switch { "CNAME" => 5, "AAAA" => 28, _ => 1 });
            U16(1);
            m.AddRange([0, 0, 0, 60]);
            U16(rdata.Length);
            m.AddRange(rdata);
        }
        return m.ToArray();
    }

    public static byte[] DnsQuery(ushort id, string query)
    {
        var m = new List<byte> { (byte)(id >> 8), (byte)id, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
        m.AddRange(Name(query));
        m.AddRange([0, 1, 0, 1]);
        return m.ToArray();
    }

    public static byte[] ClientHello(string sni)
    {
        var name = Encoding.ASCII.GetBytes(sni);
        var ext = new List<byte> { 0, 0 };
        var list = new List<byte> { 0 };
        list.AddRange(BigEndian16(name.Length));
        list.AddRange(name);
        var sniBody = new List<byte>();
        sniBody.AddRange(BigEndian16(list.Count));
        sniBody.AddRange(list);
        ext.AddRange(BigEndian16(sniBody.Count));
        ext.AddRange(sniBody);
        var body = new List<byte> { 3, 3 };
        body.AddRange(new byte[32]);
        body.Add(0);
        body.AddRange(BigEndian16(2));
        body.AddRange([0x13, 0x01]);
        body.AddRange([1, 0]);
        body.AddRange(BigEndian16(ext.Count));
        body.AddRange(ext);
        var handshake = new List<byte> { 1, 0 };
        handshake.AddRange(BigEndian16(body.Count));
        handshake.AddRange(body);
        var record = new List<byte> { 0x16, 3, 1 };
        record.AddRange(BigEndian16(handshake.Count));
        record.AddRange(handshake);
        return record.ToArray();
    }

    /// <summary>A DHCPDISCOVER from <paramref name="clientMac"/> carrying option 161 (the MUD string, split over several options when long).</summary>
    public static byte[] DhcpDiscover(string clientMac, string? mudString)
    {
        var b = new byte[240];
        b[0] = 1;
        b[1] = 1;
        b[2] = 6;
        Mac(clientMac).CopyTo(b, 28);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(236), 0x63825363);
        var options = new List<byte> { 53, 1, 1 };
        if (mudString is not null)
        {
            var bytes = Encoding.ASCII.GetBytes(mudString);
            for (var at = 0; at < bytes.Length || at == 0; at += 255)
            {
                var chunk = bytes.Skip(at).Take(255).ToArray();
                options.Add(161);
                options.Add((byte)chunk.Length);
                options.AddRange(chunk);
                if (bytes.Length == 0)
                    break;
            }
        }
        options.Add(255);
        return [.. b, .. options];
    }

    public static byte[] DhcpV6Solicit(string mudUrl)
    {
        var url = Encoding.ASCII.GetBytes(mudUrl);
        return [1, 0, 0, 1, 0, 112, .. BigEndian16(url.Length), .. url];
    }

    public static byte[] Lldp(string mudUrl)
    {
        var url = Encoding.ASCII.GetBytes(mudUrl);
        var length = 4 + url.Length;
        byte[] tlv = [(byte)((127 << 1) | (length >> 8)), (byte)length, 0x00, 0x00, 0x5E, 0x01, .. url];
        return [.. tlv, 0, 0];
    }

    public static byte[] Mac(string mac) => mac.Split(':').Select(p => Convert.ToByte(p, 16)).ToArray();

    private static byte[] Name(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }
        bytes.Add(0);
        return bytes.ToArray();
    }

    private static byte[] BigEndian16(int v) => [(byte)(v >> 8), (byte)v];

    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
