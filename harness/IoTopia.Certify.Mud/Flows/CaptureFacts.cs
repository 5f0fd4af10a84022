using IoTopia.Certify.Mud.Discovery;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Frames;
using IoTopia.Certify.Wire.Scan;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>The MUD-specific facts of a capture, seen packet by packet: MUD URLs emitted, and which addresses each MAC used.</summary>
internal sealed class CaptureFacts : IPacketObserver
{
    private const int MaxHosts = 100_000;
    private const int MaxAddressesPerHost = 16;

    private readonly Dictionary<MacAddr, HostAddresses> _addressesOf = [];

    // The last two senders (a conversation alternates between two): most packets skip the dictionary.
    private (MacAddr Mac, HostAddresses? Host) _recent;
    private (MacAddr Mac, HostAddresses? Host) _previous;

    public MudUrlDiscovery MudUrls { get; } = new();

    public void Observe(ReadOnlySpan<byte> frame, in DecodedPacket p, long number)
    {
        MudUrls.Observe(frame, p, number);
        if (p.IpVersion == 0 || p.SourceMac.IsNone || p.Source.IsUnspecified || p.Source.IsMulticast)
            return;
        HostAddresses? host;
        if (_recent.Host is not null && _recent.Mac == p.SourceMac)
            host = _recent.Host;
        else if (_previous.Host is not null && _previous.Mac == p.SourceMac)
        {
            host = _previous.Host;
            (_recent, _previous) = (_previous, _recent);
        }
        else
        {
            if (!_addressesOf.TryGetValue(p.SourceMac, out host))
            {
                if (_addressesOf.Count >= MaxHosts)
                    return;
                _addressesOf[p.SourceMac] = host = new HostAddresses();
            }
            _previous = _recent;
            _recent = (p.SourceMac, host);
        }
        host.Add(p.Source, MaxAddressesPerHost);
    }

    /// <summary>Addresses of hosts that emitted a MUD URL, with their URLs. A router's MAC carries many addresses; only hosts that emitted a URL count.</summary>
    public IReadOnlyDictionary<IpAddr, IReadOnlyList<string>> ThingUrls()
    {
        var result = new Dictionary<IpAddr, List<string>>();
        foreach (var sighting in MudUrls.Sightings)
        {
            var addresses = new HashSet<IpAddr>();
            if (!sighting.SenderMac.IsNone && _addressesOf.TryGetValue(sighting.SenderMac, out var host))
                addresses.UnionWith(host.Addresses);
            if (!sighting.SenderIp.IsNone && !sighting.SenderIp.IsUnspecified)
                addresses.Add(sighting.SenderIp);
            foreach (var a in addresses)
            {
                if (!result.TryGetValue(a, out var urls))
                    result[a] = urls = [];
                if (!urls.Contains(sighting.Url))
                    urls.Add(sighting.Url);
            }
        }
        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value);
    }
}
