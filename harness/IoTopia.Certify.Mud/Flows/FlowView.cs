using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>One direction of a flow as an ACE sees it: source and destination, by the direction's packets.</summary>
internal readonly record struct FlowView(Flow Flow, Direction Direction, IReadOnlyList<NameChain> RemoteNames)
{
    public bool FromDevice => Direction == Direction.FromDevice;

    public IpAddr Source => FromDevice ? Flow.Key.Device : Flow.Key.Remote;

    public IpAddr Destination => FromDevice ? Flow.Key.Remote : Flow.Key.Device;

    public int SourcePort => FromDevice ? Flow.Key.DevicePort : Flow.Key.RemotePort;

    public int DestinationPort => FromDevice ? Flow.Key.RemotePort : Flow.Key.DevicePort;

    /// <summary>The MAC this direction comes from, as the flow's first frame that carried it showed it (none when no frame did).</summary>
    public MacAddr SourceMac => FromDevice ? Flow.DeviceMac : Flow.RemoteMac;

    /// <summary>The MAC this direction goes to, likewise (none when the capture does not carry it: Linux cooked, raw IP).</summary>
    public MacAddr DestinationMac => FromDevice ? Flow.RemoteMac : Flow.DeviceMac;

    public IpAddr Remote => Flow.Key.Remote;

    public bool SourceIsRemote => !FromDevice;

    public IEnumerable<(int Type, int Code)> Icmp => FromDevice ? Flow.IcmpFromDevice : Flow.IcmpToDevice;
}
