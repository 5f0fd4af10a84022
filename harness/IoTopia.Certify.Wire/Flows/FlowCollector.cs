using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Frames;
using IoTopia.Certify.Wire.Tls;

namespace IoTopia.Certify.Wire.Flows;

/// <summary>
/// Assigns each decoded packet of the device to a flow, in a table keyed by value (<see cref="FlowKey"/>).
/// Link-local infrastructure (ARP, EAPOL, LLDP, DHCP with a local server, DHCPv6, IPv6 neighbour
/// discovery, MLD, IGMP) goes to infrastructure flows; packets to or from a probe address are excluded;
/// non-first IP fragments are counted, not collected. When the device is selected by MAC, its addresses
/// are learned from what it sends. A packet of a known flow allocates nothing.
/// </summary>
public sealed class FlowCollector
{
    private const int MaxDeviceAddresses = 16;

    private readonly FlowTable _flows = new();
    private readonly List<Flow> _order = [];
    private readonly FlowCollectorOptions _options;
    private readonly MacAddr? _mac;
    private readonly IpAddr[] _probes;
    private readonly HashSet<IpAddr> _deviceAddresses;
    private IpAddr _lastLearned;

    /// <param name="knownDeviceAddresses">addresses of the device already known (e.g. learned by an earlier pass)</param>
    public FlowCollector(FlowCollectorOptions options, IEnumerable<IpAddr>? knownDeviceAddresses = null)
    {
        _options = options;
        _mac = options.Device.Mac;
        _probes = [.. options.ProbeAddresses];
        _deviceAddresses = options.Device.Ip is { } ip ? [ip] : [];
        if (knownDeviceAddresses is not null)
            _deviceAddresses.UnionWith(knownDeviceAddresses);
    }

    public IReadOnlyList<Flow> Flows => _order;

    /// <summary>The device's addresses: the one it was selected by, or those it sent from (selected by MAC).</summary>
    public IReadOnlySet<IpAddr> DeviceAddresses => _deviceAddresses;

    public long DevicePacketsSent { get; private set; }

    public long DevicePackets { get; private set; }

    public long ProbePackets { get; private set; }

    public long Fragments { get; private set; }

    public long Untracked { get; private set; }

    /// <summary>A frame without a MAC was attributed by the device's learned addresses: a pass that learned them as it went should be repeated.</summary>
    public bool UsedLearnedAddresses { get; private set; }

    /// <summary>True when the device sent <paramref name="p"/> (by its MAC, or by its address when selected by IP).</summary>
    public bool SentByDevice(in DecodedPacket p) =>
        (_mac is { } m && p.SourceMac == m) || (_options.Device.Ip is { } i && p.Source == i);

    public void Observe(ReadOnlySpan<byte> frame, in DecodedPacket p, long number, long nanos, int length)
    {
        if (_mac is { } deviceMac && p.IpVersion != 0 && p.SourceMac == deviceMac)
            Learn(p.Source);
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
        if (_probes.Length != 0 && !remote.IsNone && IsProbe(remote))
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
        if (category != FlowCategory.None)
            key = new FlowKey(category, p.IpVersion == 0 ? 0 : p.Protocol, IpAddr.None, p.IpVersion == 0 ? IpAddr.None : remote, 0, 0, p.IpVersion == 0 ? p.Ethertype : 0, p.IpVersion == 0 ? remoteMac : default);
        else if (p.IpVersion == 0)
            key = new FlowKey(FlowCategory.None, 0, IpAddr.None, IpAddr.None, 0, 0, p.Ethertype, remoteMac);
        else
        {
            var ports = p.Protocol is FrameDecoder.ProtocolTcp or FrameDecoder.ProtocolUdp;
            key = new FlowKey(FlowCategory.None, p.Protocol, device, remote, ports ? devicePort : 0, ports ? remotePort : 0, 0, default);
        }
        var flow = _flows.Find(key);
        if (flow is null)
        {
            if (_flows.Count >= _options.MaxFlows)
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
            _flows.Add(flow);
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
                flow.Sni = TlsClientHello.ServerName(frame.Slice(p.PayloadOffset, p.PayloadLength));
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

    private void Learn(IpAddr source)
    {
        if (source == _lastLearned || source.IsUnspecified || source.IsMulticast || _deviceAddresses.Count >= MaxDeviceAddresses)
            return;
        _deviceAddresses.Add(source);
        _lastLearned = source;
    }

    private bool IsProbe(IpAddr address)
    {
        foreach (var probe in _probes)
        {
            if (probe == address)
                return true;
        }
        return false;
    }

    /// <summary>An ICMP destination-unreachable the device sent about a remote's packet: the device refused that flow.</summary>
    private bool Refuses(in DecodedPacket p)
    {
        var ports = p.QuotedProtocol is FrameDecoder.ProtocolTcp or FrameDecoder.ProtocolUdp;
        var key = new FlowKey(FlowCategory.None, p.QuotedProtocol, p.QuotedDestination, p.QuotedSource, ports ? p.QuotedDestinationPort : 0, ports ? p.QuotedSourcePort : 0, 0, default);
        if (_flows.Find(key) is not { } flow)
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
            return !ip.IsNone && _deviceAddresses.Contains(ip) && !outgoing;
        }
        return !ip.IsNone && _deviceAddresses.Contains(ip);
    }

    private FlowCategory Infrastructure(in DecodedPacket p, IpAddr remote, int remotePort, int devicePort)
    {
        switch (p.Ethertype)
        {
            case FrameDecoder.EthertypeArp:
                return FlowCategory.Arp;
            case FrameDecoder.EthertypeEapol:
                return FlowCategory.Eapol;
            case FrameDecoder.EthertypeLldp:
                return FlowCategory.Lldp;
        }
        if (p.IpVersion == 4 && p.IsUdp && (remotePort, devicePort) is (67, 68) or (68, 67)
            && (remote.IsIpv4Broadcast || remote.IsUnspecified || _options.IsLocal(remote)))
            return FlowCategory.Dhcp;
        if (p.IpVersion == 6 && p.IsUdp && (remotePort, devicePort) is (547, 546) or (546, 547)
            && (remote.IsIpv6LinkLocal || remote.IsMulticast))
            return FlowCategory.DhcpV6;
        if (p.IpVersion == 6 && p.Protocol == FrameDecoder.ProtocolIcmpv6 && !p.Fragment)
        {
            if (p.IcmpType is >= 133 and <= 137)
                return FlowCategory.NeighbourDiscovery;
            if (p.IcmpType is 130 or 131 or 132 or 143)
                return FlowCategory.Mld;
        }
        if (p.IpVersion == 4 && p.Protocol == 2)
            return FlowCategory.Igmp;
        return FlowCategory.None;
    }
}
