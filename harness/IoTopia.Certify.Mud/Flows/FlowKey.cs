using IoTopia.Certify.Mud.Capture;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>
/// What makes a flow: for IP traffic the device and remote addresses, the protocol and the two ports;
/// for other frames the ethertype and the remote MAC. Infrastructure is grouped by <see cref="Category"/> and remote.
/// </summary>
public readonly record struct FlowKey(string? Category, int Protocol, IpAddr Device, IpAddr Remote, int DevicePort, int RemotePort, int Ethertype, MacAddr RemoteMac);
