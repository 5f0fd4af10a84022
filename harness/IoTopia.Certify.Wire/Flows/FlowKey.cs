using IoTopia.Certify.Wire.Addresses;
using System.Runtime.CompilerServices;

namespace IoTopia.Certify.Wire.Flows;

/// <summary>
/// What makes a flow, as a value (a flow table's key: no reference inside, packed, cheap to hash): for IP
/// traffic the device and remote addresses, the protocol and the two ports; for other frames the
/// ethertype and the remote MAC. Infrastructure is grouped by <see cref="Category"/> and remote.
/// </summary>
public readonly struct FlowKey : IEquatable<FlowKey>
{
    private readonly ulong _deviceHigh;
    private readonly ulong _deviceLow;
    private readonly ulong _remoteHigh;
    private readonly ulong _remoteLow;
    private readonly ulong _remoteMac;
    private readonly uint _ports;
    private readonly uint _kind; // protocol, category << 8, device IP version << 16, remote IP version << 20
    private readonly ushort _ethertype;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FlowKey(FlowCategory category, int protocol, IpAddr device, IpAddr remote, int devicePort, int remotePort, int ethertype, MacAddr remoteMac)
    {
        _deviceHigh = device.High;
        _deviceLow = device.Low;
        _remoteHigh = remote.High;
        _remoteLow = remote.Low;
        _remoteMac = remoteMac.Value;
        _ports = (uint)(ushort)devicePort << 16 | (ushort)remotePort;
        _kind = (uint)(byte)protocol | (uint)category << 8 | (uint)(device.Version & 0xF) << 16 | (uint)(remote.Version & 0xF) << 20;
        _ethertype = (ushort)ethertype;
    }

    public FlowCategory Category => (FlowCategory)(byte)(_kind >> 8);

    public int Protocol => (byte)_kind;

    public IpAddr Device => IpAddr.FromHalves(_deviceHigh, _deviceLow, (byte)(_kind >> 16 & 0xF));

    public IpAddr Remote => IpAddr.FromHalves(_remoteHigh, _remoteLow, (byte)(_kind >> 20 & 0xF));

    public int DevicePort => (int)(_ports >> 16);

    public int RemotePort => (int)(_ports & 0xFFFF);

    public int Ethertype => _ethertype;

    public MacAddr RemoteMac => new(_remoteMac);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(FlowKey other) =>
        _remoteLow == other._remoteLow && _ports == other._ports && _deviceLow == other._deviceLow && _kind == other._kind
        && _remoteHigh == other._remoteHigh && _deviceHigh == other._deviceHigh
        && _ethertype == other._ethertype && _remoteMac == other._remoteMac;

    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode()
    {
        var remote = _remoteLow ^ _remoteHigh;
        var device = _deviceLow ^ _deviceHigh;
        var hash = remote * 0x9E3779B97F4A7C15UL;
        hash ^= (device + _ports) * 0xC2B2AE3D27D4EB4FUL;
        hash ^= (_kind ^ (ulong)_ethertype << 32 ^ _remoteMac) * 0x165667B19E3779F9UL;
        return (int)(hash ^ hash >> 29 ^ hash >> 47);
    }

    public static bool operator ==(FlowKey left, FlowKey right) => left.Equals(right);

    public static bool operator !=(FlowKey left, FlowKey right) => !left.Equals(right);

    public override string ToString() =>
        $"{FlowCategories.Name(Category) ?? "flow"} proto {Protocol} {Device}:{DevicePort} ↔ {Remote}:{RemotePort} ethertype 0x{Ethertype:x4} {RemoteMac}";
}
