using IoTopia.Certify.Mud.Capture;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>
/// Pass 2: assigns each packet of the device to a flow. Link-local infrastructure (ARP, EAPOL, LLDP,
/// DHCP with a local server, DHCPv6, IPv6 neighbour discovery, MLD, IGMP) goes to infrastructure flows;
/// packets to or from a probe address are excluded; non-first IP fragments are counted, not judged.
/// </summary>
internal sealed class FlowCollector(CheckSettings settings, IReadOnlySet<IpAddr> deviceAddresses)
{
    public const int MaxFlows = 2_000_000;

    private readonly Dictionary<FlowKey, Flow> _flows = [];
    private readonly List<Flow> _order = [];
    private readonly MacAddr? _mac = settings.Device.Mac;

    public IReadOnlyList<Flow> Flows => _order;

    public long DevicePacketsSent { get; private set; }

    public long DevicePackets { get; private set; }

    public long ProbePackets { get; private set; }

    public long Fragments { get; private set; }

    public long Untracked { get; private set; }

    /// <summary>A frame without a MAC was attributed by the device's learned addresses: a pass that learned them as it went should be repeated.</summary>
    public bool UsedLearnedAddresses { get; private set; }

    public void Observe(ReadOnlySpan<byte> frame, in DecodedPacket p, long number, long nanos, int length)
    {
        var from = Side.Unknown;
        if (IsDevice(p.SourceMac, p.Source, p.Outgoing))
            from = Side.Device;
        else if (IsDevice(p.DestinationMac, p.Destination, outgoing: false))
            from = Side.Remote;
        if (from == Side.Unknown)
            return;
        var fromDevice = from == Side.Device;
        var remote = fromDevice ? p.Destination : p.Source;
        var device = fromDevice ? p.Source : p.Destination;
        if (!remote.IsNone && settings.ProbeAddresses.Contains(remote))
        {
            ProbePackets++;
            return;
        }
        DevicePackets++;
        if (fromDevice)
            DevicePacketsSent++;
        if (p.Fragment)
        {
            Fragments++;
            return;
        }
        var remoteMac = fromDevice ? p.DestinationMac : p.SourceMac;
        var devicePort = fromDevice ? p.SourcePort : p.DestinationPort;
        var remotePort = fromDevice ? p.DestinationPort : p.SourcePort;
        if (fromDevice && p.IsIcmp && p.HasQuoted && Refuses(p))
            return;
        var category = Infrastructure(p, remote, remotePort, devicePort);
        FlowKey key;
        if (category is not null)
            key = new FlowKey(category, p.IpVersion == 0 ? 0 : p.Protocol, IpAddr.None, p.IpVersion == 0 ? IpAddr.None : remote, 0, 0, p.IpVersion == 0 ? p.Ethertype : 0, p.IpVersion == 0 ? remoteMac : default);
        else if (p.IpVersion == 0)
            key = new FlowKey(null, 0, IpAddr.None, IpAddr.None, 0, 0, p.Ethertype, remoteMac);
        else
            key = new FlowKey(null, p.Protocol, device, remote, p.Protocol is 6 or 17 ? devicePort : 0, p.Protocol is 6 or 17 ? remotePort : 0, 0, default);
        if (!_flows.TryGetValue(key, out var flow))
        {
            if (_flows.Count >= MaxFlows)
            {
                Untracked++;
                return;
            }
            flow = new Flow(key)
            {
                FirstNumber = number,
                FirstNanos = nanos,
                FirstSender = from,
                StartSeen = p.IsTcp && (p.TcpFlags & (DecodedPacket.Syn | DecodedPacket.Ack)) == DecodedPacket.Syn,
                Ethertype = p.Ethertype,
            };
            _flows[key] = flow;
            _order.Add(flow);
        }
        flow.LastNumber = number;
        flow.LastNanos = nanos;
        if (fromDevice)
        {
            flow.PacketsFromDevice++;
            flow.BytesFromDevice += length;
            if (flow.DeviceMac.IsNone)
                flow.DeviceMac = p.SourceMac;
            if (flow.RemoteMac.IsNone)
                flow.RemoteMac = p.DestinationMac;
            if (p.IsTcp && (p.TcpFlags & DecodedPacket.Rst) != 0)
                flow.DeviceRefused = true;
            else
                flow.DeviceAnswered = true;
            if (p.IsTcp && flow.Sni is null && p.PayloadLength > 0)
                flow.Sni = TlsSniReader.Read(frame.Slice(p.PayloadOffset, p.PayloadLength));
        }
        else
        {
            flow.PacketsToDevice++;
            flow.BytesToDevice += length;
            if (flow.DeviceMac.IsNone)
                flow.DeviceMac = p.DestinationMac;
            if (flow.RemoteMac.IsNone)
                flow.RemoteMac = p.SourceMac;
        }
        if (p.IsIcmp)
            flow.AddIcmp(from, p.IcmpType, p.IcmpCode);
    }

    /// <summary>An ICMP destination-unreachable the device sent about a remote's packet: the device refused that flow.</summary>
    private bool Refuses(in DecodedPacket p)
    {
        var ports = p.QuotedProtocol is 6 or 17;
        var key = new FlowKey(null, p.QuotedProtocol, p.QuotedDestination, p.QuotedSource, ports ? p.QuotedDestinationPort : 0, ports ? p.QuotedSourcePort : 0, 0, default);
        if (!_flows.TryGetValue(key, out var flow))
            return false;
        flow.DeviceRefused = true;
        flow.RefusalPackets++;
        return true;
    }

    private bool IsDevice(MacAddr mac, IpAddr ip, bool outgoing)
    {
        if (_mac is { } deviceMac)
        {
            if (!mac.IsNone)
                return mac == deviceMac;
            // Linux cooked captures carry only the sender's MAC: recognise the device's packets by its learned addresses.
            UsedLearnedAddresses = true;
            return !ip.IsNone && deviceAddresses.Contains(ip) && !outgoing;
        }
        return !ip.IsNone && deviceAddresses.Contains(ip);
    }

    private string? Infrastructure(in DecodedPacket p, IpAddr remote, int remotePort, int devicePort)
    {
        switch (p.Ethertype)
        {
            case PacketDecoder.EthertypeArp:
                return "ARP";
            case PacketDecoder.EthertypeEapol:
                return "EAPOL";
            case PacketDecoder.EthertypeLldp:
                return "LLDP";
        }
        if (p.IpVersion == 4 && p.IsUdp && (remotePort, devicePort) is (67, 68) or (68, 67)
            && (remote.IsIpv4Broadcast || remote.IsUnspecified || settings.IsLocal(remote)))
            return "DHCP";
        if (p.IpVersion == 6 && p.IsUdp && (remotePort, devicePort) is (547, 546) or (546, 547)
            && (remote.IsIpv6LinkLocal || remote.IsMulticast))
            return "DHCPv6";
        if (p.IpVersion == 6 && p.Protocol == 58 && !p.Fragment)
        {
            if (p.IcmpType is >= 133 and <= 137)
                return "IPv6 neighbour discovery";
            if (p.IcmpType is 130 or 131 or 132 or 143)
                return "MLD";
        }
        if (p.IpVersion == 4 && p.Protocol == 2)
            return "IGMP";
        return null;
    }
}
