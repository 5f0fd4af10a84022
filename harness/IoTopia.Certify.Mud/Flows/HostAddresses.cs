using IoTopia.Certify.Wire.Addresses;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>The addresses one MAC sent from; the last one is remembered so that a packet from a known address costs one comparison.</summary>
internal sealed class HostAddresses
{
    private IpAddr _last;

    public HashSet<IpAddr> Addresses { get; } = [];

    public void Add(IpAddr address, int max)
    {
        if (address == _last || Addresses.Count >= max)
            return;
        Addresses.Add(address);
        _last = address;
    }
}
