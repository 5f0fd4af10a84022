using IoTopia.Certify.Wire.Addresses;

namespace IoTopia.Certify.Wire.Flows;

/// <summary>The packets of one conversation of the device, aggregated as the capture is read (the packets themselves are not kept).</summary>
public sealed class Flow(FlowKey key)
{
    private const int MaxIcmpKinds = 16;

    public FlowKey Key { get; } = key;

    /// <summary>Null for judged traffic; the infrastructure kind (DHCP, ARP …) otherwise.</summary>
    public string? Category => FlowCategories.Name(Key.Category);

    public bool IsIp => Key.Remote.Version != 0 || Key.Device.Version != 0;

    public int IpVersion => Math.Max(Key.Remote.Version, Key.Device.Version);

    public long FirstNumber { get; set; }

    public long LastNumber { get; set; }

    public long FirstNanos { get; set; }

    public long LastNanos { get; set; }

    public long PacketsFromDevice { get; set; }

    public long PacketsToDevice { get; set; }

    public long BytesFromDevice { get; set; }

    public long BytesToDevice { get; set; }

    /// <summary>Who sent the first captured packet.</summary>
    public Side FirstSender { get; set; }

    /// <summary>TCP: the first captured packet was a SYN without ACK, so <see cref="FirstSender"/> started the connection.</summary>
    public bool StartSeen { get; set; }

    /// <summary>The device sent something other than a refusal (RST, ICMP unreachable).</summary>
    public bool DeviceAnswered { get; set; }

    /// <summary>The device refused: a TCP RST or an ICMP destination-unreachable for this flow.</summary>
    public bool DeviceRefused { get; set; }

    /// <summary>ICMP destination-unreachable packets the device sent about this flow (counted here, not judged).</summary>
    public long RefusalPackets { get; set; }

    public string? Sni { get; set; }

    public MacAddr DeviceMac { get; set; }

    public MacAddr RemoteMac { get; set; }

    public int Ethertype { get; set; }

    private HashSet<(int Type, int Code)>? _icmpFromDevice;
    private HashSet<(int Type, int Code)>? _icmpToDevice;

    public IReadOnlySet<(int Type, int Code)> IcmpFromDevice => _icmpFromDevice ?? NoIcmp;

    public IReadOnlySet<(int Type, int Code)> IcmpToDevice => _icmpToDevice ?? NoIcmp;

    private static readonly IReadOnlySet<(int Type, int Code)> NoIcmp = new HashSet<(int Type, int Code)>();

    public long Packets => PacketsFromDevice + PacketsToDevice;

    public long Bytes => BytesFromDevice + BytesToDevice;

    /// <summary>TCP flows: who opened the connection, or <see cref="Side.Unknown"/> when its start was not captured. Other protocols: the first sender.</summary>
    public Side Initiator => Key.Protocol == 6 ? (StartSeen ? FirstSender : Side.Unknown) : FirstSender;

    public bool InitiatorUnknown => Key.Protocol == 6 && !StartSeen;

    public string ProtocolName => Key.Protocol switch
    {
        6 => "tcp",
        17 => "udp",
        1 => "icmp",
        58 => "icmpv6",
        _ when !IsIp => $"ethertype 0x{Key.Ethertype:x4}",
        var n => $"ip-proto {n}",
    };

    internal void AddIcmp(Side from, int type, int code)
    {
        var set = from == Side.Device ? _icmpFromDevice ??= [] : _icmpToDevice ??= [];
        if (set.Count < MaxIcmpKinds)
            set.Add((type, code));
    }

    public override string ToString()
    {
        if (!IsIp)
            return $"{ProtocolName} device {DeviceMac} ↔ {Key.RemoteMac}";
        var ports = Key.Protocol is 6 or 17;
        var device = ports ? $"{Endpoint(Key.Device)}:{Key.DevicePort}" : Key.Device.ToString();
        var remote = ports ? $"{Endpoint(Key.Remote)}:{Key.RemotePort}" : Key.Remote.ToString();
        return $"{ProtocolName} {device} ↔ {remote}";
    }

    private static string Endpoint(IpAddr a) => a.Version == 6 ? $"[{a}]" : a.ToString();
}
