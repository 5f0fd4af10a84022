using System.Collections.Concurrent;
using System.Net;

namespace IoTopia.Certify.Rigs.Addressing;

/// <summary>
/// A run's addresses on its own /24 (CONTRACTS.md): the loopback subnet 127.77.&lt;slot&gt;.0/24 of the
/// virtual rig, or 10.77.&lt;slot&gt;.0/24 inside the network namespaces of the netns rig. .1 lab services,
/// .2 the DUT, .3 the harness's own probes, .10–.99 one address per name the lab resolver answers.
/// Ports below 1024 need root; without it every service gets a high port derived from the slot.
/// </summary>
public sealed class AddressPlan
{
    private readonly ConcurrentDictionary<string, IPAddress> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private int _next = FirstNameHost;

    /// <summary>The first two octets of the virtual rig's loopback subnets.</summary>
    public static readonly (byte, byte) LoopbackPrefix = (127, 77);

    /// <summary>The first two octets of the netns rig's subnets: they exist only inside the namespaces it creates.</summary>
    public static readonly (byte, byte) NamespacePrefix = (10, 77);

    private readonly (byte First, byte Second) _prefix;

    /// <summary>The virtual rig's plan on loopback: 127.77.&lt;slot&gt;.0/24.</summary>
    public AddressPlan(int slot, bool privilegedPorts)
        : this(LoopbackPrefix, slot, privilegedPorts)
    {
    }

    /// <param name="prefix">the first two octets of every address of the plan</param>
    /// <param name="slot">the third octet</param>
    /// <param name="privilegedPorts">whether services take their well-known ports (root) or high ports of the slot</param>
    public AddressPlan((byte First, byte Second) prefix, int slot, bool privilegedPorts)
    {
        if (slot is < 1 or > 254)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, "slots are 1..254");
        _prefix = prefix;
        Slot = slot;
        PrivilegedPorts = privilegedPorts;
    }

    public int Slot { get; }
    public bool PrivilegedPorts { get; }

    public string Subnet => $"{_prefix.First}.{_prefix.Second}.{Slot}.0/24";

    public IPNetwork Network => IPNetwork.Parse(Subnet);
    public IPAddress Lab => Host(1);
    public IPAddress Dut => Host(2);
    public IPAddress Probe => Host(3);

    public int DnsPort => PrivilegedPorts ? 53 : HighPort(53);
    public int DhcpPort => PrivilegedPorts ? 67 : HighPort(67);
    public int NtpPort => PrivilegedPorts ? 123 : HighPort(23);
    public int HttpsPort => PrivilegedPorts ? 443 : HighPort(43);
    public int DutWebPort => PrivilegedPorts ? 443 : HighPort(44);

    public IPAddress Host(int last) => IPAddress.Parse($"{_prefix.First}.{_prefix.Second}.{Slot}.{last}");

    /// <summary>Every address the lab side holds: .1, .3 and the name addresses .10–.99.</summary>
    public IEnumerable<IPAddress> LabSideAddresses => [Lab, Probe, .. Enumerable.Range(FirstNameHost, LastNameHost - FirstNameHost + 1).Select(Host)];

    public const int FirstNameHost = 10;
    public const int LastNameHost = 99;

    /// <summary>The lab address a name resolves to, taking the next free one of .10–.99 on first use; null when all are taken.</summary>
    public IPAddress? AddressFor(string name)
    {
        var key = name.TrimEnd('.');
        if (_names.TryGetValue(key, out var known))
            return known;
        lock (_lock)
        {
            if (_names.TryGetValue(key, out known))
                return known;
            if (_next > LastNameHost)
                return null;
            var address = Host(_next++);
            _names[key] = address;
            return address;
        }
    }

    /// <summary>Every name answered so far, with its address.</summary>
    public IReadOnlyDictionary<string, IPAddress> Names => new Dictionary<string, IPAddress>(_names, StringComparer.OrdinalIgnoreCase);

    public bool Contains(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return b.Length == 4 && b[0] == _prefix.First && b[1] == _prefix.Second && b[2] == Slot;
    }

    /// <summary>20000 + slot × 100 + a per-service offset below 100: unique per slot and service.</summary>
    private int HighPort(int offset) => 20000 + Slot * 100 + offset;
}
