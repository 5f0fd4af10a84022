namespace IoTopia.Certify.Mud.Draft;

/// <summary>
/// One remote endpoint and service the device used: becomes one from-device and one to-device ACE.
/// <see cref="DeviceIsClient"/>: the service port is the remote's. <see cref="InitiatorKnown"/>: a TCP start was captured, so direction-initiated is stated.
/// </summary>
internal sealed record DraftRule(int IpVersion, int Protocol, DraftEndpoint Remote, int? ServicePort, bool DeviceIsClient, bool InitiatorKnown);
