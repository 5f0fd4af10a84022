using System.Buffers.Binary;
using System.Text;

namespace IoTopia.Certify.Benchmarks;

/// <summary>
/// Writes a synthetic capture of a busy device, streaming: DNS answers naming its hosts, then many TCP
/// flows (handshake, data both ways, FIN) interleaved round-robin so that every flow is open at once.
/// </summary>
public static class BenchCapture
{
    public const string DeviceMac = "02:00:00:00:00:02";
    public const string DeviceIp = "192.168.1.2";
    private static readonly byte[] Device = [192, 168, 1, 2];
    private static readonly byte[] Gateway = [192, 168, 1, 1];
    private static readonly byte[] DeviceMacBytes = [2, 0, 0, 0, 0, 2];
    private static readonly byte[] GatewayMacBytes = [2, 0, 0, 0, 0, 1];

    public static string HostName(int host) => $"h{host}.bench.example";

    public static byte[] HostAddress(int host) => [198, 18, (byte)(host >> 8), (byte)host];

    /// <summary>Writes <paramref name="packets"/> packets over <paramref name="flows"/> flows to <paramref name="hosts"/> hosts.</summary>
    public static void Write(string path, long packets, int flows, int hosts)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 262144);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        file.Write(header);
        var micros = 1_700_000_000_000_000L;
        var written = 0L;
        var frame = new byte[256];
        for (var host = 0; host < hosts && written < packets; host++, written += 2)
        {
            micros += 10;
            Record(file, micros, frame, Dns(frame, host, query: true));
            Record(file, micros + 1, frame, Dns(frame, host, query: false));
        }
        var perFlow = Math.Max(8, (packets - written) / flows);
        for (var step = 0L; written < packets; step++)
        {
            for (var flow = 0; flow < flows && written < packets; flow++)
            {
                if (step >= perFlow && flow != 0)
                    continue;
                micros += 1;
                Record(file, micros, frame, Tcp(frame, flow, flow % hosts, step, perFlow));
                written++;
            }
        }
        // On disk before anything is timed: write-back must not compete with the readers.
        file.Flush(flushToDisk: true);
    }

    /// <summary>Reads the file once so that both tools start from the same (warm) page cache.</summary>
    public static void Warm(string path)
    {
        var buffer = new byte[1 << 20];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        while (file.Read(buffer) > 0)
        {
        }
    }

    private static void Record(FileStream file, long micros, byte[] frame, int length)
    {
        Span<byte> record = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(micros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(micros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)length);
        file.Write(record);
        file.Write(frame, 0, length);
    }

    private static int Tcp(byte[] frame, int flow, int host, long step, long perFlow)
    {
        // 0 SYN (device), 1 SYN-ACK, 2 ACK, then data alternating, last FIN.
        var fromDevice = step == 0 || step == 2 || (step > 2 && step % 2 == 1);
        byte flags = step switch { 0 => 0x02, 1 => 0x12, _ when step >= perFlow - 1 => 0x11, _ => 0x18 };
        var payload = step <= 2 ? 0 : 48;
        var devicePort = 20000 + flow;
        var ip = Ethernet(frame, fromDevice);
        var l4 = Ipv4(frame, ip, fromDevice ? Device : HostAddress(host), fromDevice ? HostAddress(host) : Device, 6, 20 + payload);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(l4), (ushort)(fromDevice ? devicePort : 443));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(l4 + 2), (ushort)(fromDevice ? 443 : devicePort));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(l4 + 4), (uint)step);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(l4 + 8), (uint)step);
        frame[l4 + 12] = 5 << 4;
        frame[l4 + 13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(l4 + 14), 65535);
        frame.AsSpan(l4 + 16, 4).Clear();
        frame.AsSpan(l4 + 20, payload).Fill(0x17);
        return l4 + 20 + payload;
    }

    private static int Dns(byte[] frame, int host, bool query)
    {
        var ip = Ethernet(frame, fromDevice: query);
        var name = new List<byte>();
        foreach (var label in HostName(host).Split('.'))
        {
            name.Add((byte)label.Length);
            name.AddRange(Encoding.ASCII.GetBytes(label));
        }
        name.Add(0);
        var dns = new List<byte> { (byte)(host >> 8), (byte)host, (byte)(query ? 0x01 : 0x81), (byte)(query ? 0x00 : 0x80), 0, 1, 0, (byte)(query ? 0 : 1), 0, 0, 0, 0 };
        dns.AddRange(name);
        dns.AddRange([0, 1, 0, 1]);
        if (!query)
        {
            dns.AddRange([0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]);
            dns.AddRange(HostAddress(host));
        }
        var l4 = Ipv4(frame, ip, query ? Device : Gateway, query ? Gateway : Device, 17, 8 + dns.Count);
        var port = (ushort)(30000 + host % 30000);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(l4), query ? port : (ushort)53);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(l4 + 2), query ? (ushort)53 : port);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(l4 + 4), (ushort)(8 + dns.Count));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(l4 + 6), 0);
        dns.CopyTo(frame, l4 + 8);
        return l4 + 8 + dns.Count;
    }

    private static int Ethernet(byte[] frame, bool fromDevice)
    {
        (fromDevice ? GatewayMacBytes : DeviceMacBytes).CopyTo(frame, 0);
        (fromDevice ? DeviceMacBytes : GatewayMacBytes).CopyTo(frame, 6);
        frame[12] = 0x08;
        frame[13] = 0x00;
        return 14;
    }

    private static int Ipv4(byte[] frame, int at, byte[] source, byte[] destination, int protocol, int payload)
    {
        frame[at] = 0x45;
        frame[at + 1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(at + 2), (ushort)(20 + payload));
        frame.AsSpan(at + 4, 4).Clear();
        frame[at + 8] = 64;
        frame[at + 9] = (byte)protocol;
        frame.AsSpan(at + 10, 2).Clear();
        source.CopyTo(frame, at + 12);
        destination.CopyTo(frame, at + 16);
        uint sum = 0;
        for (var i = 0; i < 20; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(at + i));
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(at + 10), (ushort)~sum);
        return at + 20;
    }
}
