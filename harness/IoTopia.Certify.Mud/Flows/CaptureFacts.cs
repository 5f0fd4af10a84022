using IoTopia.Certify.Mud.Capture;
using IoTopia.Certify.Mud.Discovery;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>Pass 1: the capture-global facts — DNS answers, MUD URLs emitted, which addresses each MAC used, and the device's addresses.</summary>
internal sealed class CaptureFacts(DeviceSelector device)
{
    private const int MaxHosts = 100_000;
    private const int MaxAddressesPerHost = 16;

    private readonly Dictionary<MacAddr, HashSet<IpAddr>> _addressesOf = [];

    public NameBindings Names { get; } = new();

    public MudUrlDiscovery MudUrls { get; } = new();

    public HashSet<IpAddr> DeviceAddresses { get; } = device.Ip is { } ip ? [ip] : [];

    public void Observe(ReadOnlySpan<byte> frame, in DecodedPacket p, long number)
    {
        MudUrls.Observe(frame, p, number);
        if (p.IpVersion == 0)
            return;
        // A device's own "answers" would let it name its destinations itself: only other hosts' answers bind names.
        var fromDevice = (device.Mac is { } m && p.SourceMac == m) || (device.Ip is { } i && p.Source == i);
        if (p.IsUdp && p.SourcePort == 53 && p.PayloadLength > 0 && !fromDevice)
            DnsAnswerReader.Read(frame.Slice(p.PayloadOffset, p.PayloadLength), Names);
        if (p.SourceMac.IsNone || p.Source.IsUnspecified || p.Source.IsMulticast)
            return;
        if (device.Mac is { } mac && p.SourceMac == mac && DeviceAddresses.Count < MaxAddressesPerHost)
            DeviceAddresses.Add(p.Source);
        if (!_addressesOf.TryGetValue(p.SourceMac, out var set))
        {
            if (_addressesOf.Count >= MaxHosts)
                return;
            _addressesOf[p.SourceMac] = set = [];
        }
        if (set.Count < MaxAddressesPerHost)
            set.Add(p.Source);
    }

    /// <summary>Addresses of hosts that emitted a MUD URL, with their URLs. A router's MAC carries many addresses; only hosts that emitted a URL count.</summary>
    public IReadOnlyDictionary<IpAddr, IReadOnlyList<string>> ThingUrls()
    {
        var result = new Dictionary<IpAddr, List<string>>();
        foreach (var sighting in MudUrls.Sightings)
        {
            var addresses = new HashSet<IpAddr>();
            if (!sighting.SenderMac.IsNone && _addressesOf.TryGetValue(sighting.SenderMac, out var set))
                addresses.UnionWith(set);
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
