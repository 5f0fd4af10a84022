using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Dhcp;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>
/// What the lab saw of the DUT's DHCP, for steps: the messages received by the lab's own listener
/// (virtual rig), or those read off the wire next to the bench's DHCP server (netns rig, dnsmasq).
/// </summary>
[Capability("dhcp")]
public interface ILabDhcp : ILabService
{
    ObservationList<DhcpObservation> Messages { get; }

    /// <summary>Where the messages were seen, for a step's reason.</summary>
    string Channel { get; }
}
