namespace IoTopia.Certify.Mud.Tests.Support;

/// <summary>
/// Scripts a device's traffic on a small bench (device 192.168.1.2, gateway/DNS/NTP 192.168.1.1) as frames,
/// packet by packet, and writes it as a capture. Packet numbers start at 1, as in Wireshark.
/// </summary>
public sealed class DeviceTraffic
{
    public const string DeviceMac = "02:00:00:00:00:02";
    public const string GatewayMac = "02:00:00:00:00:01";
    public const string DeviceIp = "192.168.1.2";
    public const string GatewayIp = "192.168.1.1";

    private readonly List<(long Micros, byte[] Frame)> _packets = [];
    private long _micros = 1_700_000_000_000_000;
    private ushort _dnsId = 1;
    private int _nextPort = 40000;

    public IReadOnlyList<(long Micros, byte[] Frame)> Packets => _packets;

    public int Count => _packets.Count;

    public DeviceTraffic Frame(byte[] frame)
    {
        _micros += 1000;
        _packets.Add((_micros, frame));
        return this;
    }

    public DeviceTraffic FromDevice(string remote, int protocol, byte[] l4, string? remoteMac = null) =>
        Frame(FrameBuilder.Ethernet(DeviceMac, remoteMac ?? GatewayMac, Ethertype(remote), FrameBuilder.Ip(Local(remote), remote, protocol, l4)));

    public DeviceTraffic ToDevice(string remote, int protocol, byte[] l4, string? remoteMac = null) =>
        Frame(FrameBuilder.Ethernet(remoteMac ?? GatewayMac, DeviceMac, Ethertype(remote), FrameBuilder.Ip(remote, Local(remote), protocol, l4)));

    /// <summary>The device asks the gateway for <paramref name="name"/> and gets the answers.</summary>
    public DeviceTraffic Resolve(string name, params (string Owner, string Type, string Value)[] answers)
    {
        var id = _dnsId++;
        var port = _nextPort++;
        FromDevice(GatewayIp, 17, FrameBuilder.Udp(port, 53, FrameBuilder.DnsQuery(id, name)));
        return ToDevice(GatewayIp, 17, FrameBuilder.Udp(53, port, FrameBuilder.DnsResponse(id, name, answers)));
    }

    /// <summary>A TCP connection the device opens: SYN, SYN-ACK, ACK, a ClientHello (when <paramref name="sni"/>), FIN.</summary>
    public DeviceTraffic DeviceConnects(string remote, int port, string? sni = null, int? localPort = null)
    {
        var mine = localPort ?? _nextPort++;
        FromDevice(remote, 6, FrameBuilder.Tcp(mine, port, FrameBuilder.Syn));
        ToDevice(remote, 6, FrameBuilder.Tcp(port, mine, FrameBuilder.Syn | FrameBuilder.Ack));
        FromDevice(remote, 6, FrameBuilder.Tcp(mine, port, FrameBuilder.Ack));
        if (sni is not null)
            FromDevice(remote, 6, FrameBuilder.Tcp(mine, port, FrameBuilder.Psh | FrameBuilder.Ack, FrameBuilder.ClientHello(sni)));
        FromDevice(remote, 6, FrameBuilder.Tcp(mine, port, FrameBuilder.Fin | FrameBuilder.Ack));
        return ToDevice(remote, 6, FrameBuilder.Tcp(port, mine, FrameBuilder.Fin | FrameBuilder.Ack));
    }

    /// <summary>A remote host opens a TCP connection to the device, which accepts it.</summary>
    public DeviceTraffic RemoteConnects(string remote, int remotePort, int devicePort)
    {
        ToDevice(remote, 6, FrameBuilder.Tcp(remotePort, devicePort, FrameBuilder.Syn));
        FromDevice(remote, 6, FrameBuilder.Tcp(devicePort, remotePort, FrameBuilder.Syn | FrameBuilder.Ack));
        return ToDevice(remote, 6, FrameBuilder.Tcp(remotePort, devicePort, FrameBuilder.Ack));
    }

    /// <summary>A remote host tries to connect; the device answers with a RST.</summary>
    public DeviceTraffic RemoteRefused(string remote, int remotePort, int devicePort)
    {
        ToDevice(remote, 6, FrameBuilder.Tcp(remotePort, devicePort, FrameBuilder.Syn));
        return FromDevice(remote, 6, FrameBuilder.Tcp(devicePort, remotePort, FrameBuilder.Rst | FrameBuilder.Ack));
    }

    /// <summary>The middle of a device's TCP connection whose start the capture missed.</summary>
    public DeviceTraffic MidStream(string remote, int port, int localPort)
    {
        FromDevice(remote, 6, FrameBuilder.Tcp(localPort, port, FrameBuilder.Psh | FrameBuilder.Ack, [1, 2, 3]));
        return ToDevice(remote, 6, FrameBuilder.Tcp(port, localPort, FrameBuilder.Ack));
    }

    /// <summary>One UDP datagram the device sends and nobody answers: a broadcast or multicast announcement (give the group's MAC).</summary>
    public DeviceTraffic DeviceAnnounces(string destination, int port, string destinationMac, int localPort = 49200) =>
        FromDevice(destination, 17, FrameBuilder.Udp(localPort, port, [0x41, 0x4e, 0x4e]), destinationMac);

    public DeviceTraffic UdpExchange(string remote, int port)
    {
        var mine = _nextPort++;
        FromDevice(remote, 17, FrameBuilder.Udp(mine, port, [1, 2, 3, 4]));
        return ToDevice(remote, 17, FrameBuilder.Udp(port, mine, [5, 6, 7, 8]));
    }

    public byte[] Pcap() => PcapWriter.Classic(_packets);

    public string Write(TempFolder folder, string name = "capture.pcap") => folder.Write(name, Pcap());

    private static int Ethertype(string remote) => remote.Contains(':') ? 0x86DD : 0x0800;

    private static string Local(string remote) => remote.Contains(':') ? "fd00::2" : DeviceIp;
}
