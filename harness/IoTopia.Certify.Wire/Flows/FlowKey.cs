using IoTopia.Certify.Wire.Addresses;

namespace IoTopia.Certify.Wire.Flows;

/// <summary>
/// What makes a flow, as a value (a flow table's key: no reference inside, cheap to hash): for IP traffic
/// the device and remote addresses, the protocol and the two ports; for other frames the ethertype and the
/// remote MAC. Infrastructure is grouped by <see cref="Category"/> and remote.
/// </summary>
public readonly struct FlowKey(FlowCategory category, int protocol, IpAddr device, IpAddr remote, int devicePort, int remotePort, int ethertype, MacAddr remoteMac)
    : IEquatable<FlowKey>
{
    public FlowCategory Category { get; } = category;

    public int Protocol { get; } = protocol;

    public IpAddr Device { get; } = device;

    public IpAddr Remote { get; } = remote;

    public int DevicePort { get; } = devicePort;

    public int RemotePort { get; } = remotePort;

    public int Ethertype { get; } = ethertype;

    public MacAddr RemoteMac { get; } = remoteMac;

    public bool Equals(FlowKey other) =>
        Remote.Equals(other.Remote) && Device.Equals(other.Device) && DevicePort == other.DevicePort && RemotePort == other.RemotePort
        && Protocol == other.Protocol && Category == other.Category && Ethertype == other.Ethertype && RemoteMac.Value == other.RemoteMac.Value;

    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = (uint)Remote.GetHashCode() * 0x9E3779B1u;
        hash ^= (uint)Device.GetHashCode() + 0x7F4A7C15u + (hash << 6) + (hash >> 2);
        hash ^= (uint)(DevicePort << 16 | RemotePort) * 0x85EBCA77u;
        hash ^= (uint)(Protocol | (int)Category << 8 | Ethertype << 16) * 0xC2B2AE3Du;
        hash ^= (uint)RemoteMac.Value ^ (uint)(RemoteMac.Value >> 32);
        return (int)(hash ^ hash >> 15);
    }

    public static bool operator ==(FlowKey left, FlowKey right) => left.Equals(right);

    public static bool operator !=(FlowKey left, FlowKey right) => !left.Equals(right);

    public override string ToString() =>
        $"{FlowCategories.Name(Category) ?? "flow"} proto {Protocol} {Device}:{DevicePort} ↔ {Remote}:{RemotePort} ethertype 0x{Ethertype:x4} {RemoteMac}";
}
