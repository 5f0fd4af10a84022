using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace IoTopia.Certify.Rigs.Addressing;

/// <summary>
/// A run's addresses on its own subnet (CONTRACTS.md), laid out by an <see cref="AddressLayout"/>: the loopback
/// subnet 127.77.&lt;slot&gt;.0/24 of the virtual rig, 10.77.&lt;slot&gt;.0/24 inside the network namespaces of the
/// netns rig (.1 lab services, .2 the DUT, .3 the harness's own probes, .10–.99 one address per name the lab
/// resolver answers), or the DUT-facing subnet a bench rig file names (<c>drivers.lab</c>). Ports below 1024 need
/// root; without it the slotted plans give every service a high port derived from the slot. A bench's plan
/// always takes the well-known ports: a real device cannot be told others.
/// </summary>
public sealed class AddressPlan
{
    private readonly ConcurrentDictionary<string, IPAddress> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private int _next;

    /// <summary>The first two octets of the virtual rig's loopback subnets.</summary>
    public static readonly (byte, byte) LoopbackPrefix = (127, 77);

    /// <summary>The first two octets of the netns rig's subnets: they exist only inside the namespaces it creates.</summary>
    public static readonly (byte, byte) NamespacePrefix = (10, 77);

    /// <summary>The virtual rig's plan on loopback: 127.77.&lt;slot&gt;.0/24.</summary>
    public AddressPlan(int slot, bool privilegedPorts)
        : this(LoopbackPrefix, slot, privilegedPorts)
    {
    }

    /// <param name="prefix">the first two octets of every address of the plan</param>
    /// <param name="slot">the third octet</param>
    /// <param name="privilegedPorts">whether services take their well-known ports (root) or high ports of the slot</param>
    public AddressPlan((byte First, byte Second) prefix, int slot, bool privilegedPorts)
        : this(AddressLayout.OfSlot(prefix, CheckedSlot(slot)), privilegedPorts, slot)
    {
    }

    /// <summary>A bench's plan: the layout its rig file names, the well-known ports, no slot.</summary>
    public AddressPlan(AddressLayout layout)
        : this(layout, privilegedPorts: true, slot: null)
    {
        var problems = layout.Problems().ToList();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems), nameof(layout));
    }

    private AddressPlan(AddressLayout layout, bool privilegedPorts, int? slot)
    {
        Layout = layout;
        PrivilegedPorts = privilegedPorts;
        Slot = slot;
        _next = layout.FirstNameHost;
    }

    public AddressLayout Layout { get; }

    /// <summary>The address slot the run took (virtual, netns); null for a bench's own subnet.</summary>
    public int? Slot { get; }

    public bool PrivilegedPorts { get; }

    public string Subnet => Network.ToString();

    public IPNetwork Network => Layout.Network;
    public IPAddress Lab => Layout.Lab;
    public IPAddress Dut => Layout.Dut;
    public IPAddress Probe => Layout.Probe;

    public int DnsPort => PrivilegedPorts ? 53 : HighPort(53);
    public int DhcpPort => PrivilegedPorts ? 67 : HighPort(67);
    public int NtpPort => PrivilegedPorts ? 123 : HighPort(23);
    public int HttpsPort => PrivilegedPorts ? 443 : HighPort(43);
    public int DutWebPort => PrivilegedPorts ? 443 : HighPort(44);

    /// <summary>The address <paramref name="last"/> host numbers above the subnet's network address (.N of a /24).</summary>
    public IPAddress Host(int last) => Layout.Host(last);

    /// <summary>The addresses the lab resolver hands out, one per name (.10–.99 on the slotted plans).</summary>
    public IEnumerable<IPAddress> NameAddresses => Layout.NameAddresses;

    /// <summary>Every address the lab side holds: the lab's, the probe's and the name addresses.</summary>
    public IEnumerable<IPAddress> LabSideAddresses => [Lab, Probe, .. NameAddresses];

    /// <summary>The lab address a name resolves to, taking the next free name address on first use; null when all are taken.</summary>
    public IPAddress? AddressFor(string name)
    {
        var key = name.TrimEnd('.');
        if (_names.TryGetValue(key, out var known))
            return known;
        lock (_lock)
        {
            if (_names.TryGetValue(key, out known))
                return known;
            if (_next > Layout.LastNameHost)
                return null;
            var address = Host(_next++);
            _names[key] = address;
            return address;
        }
    }

    /// <summary>Every name answered so far, with its address.</summary>
    public IReadOnlyDictionary<string, IPAddress> Names => new Dictionary<string, IPAddress>(_names, StringComparer.OrdinalIgnoreCase);

    public bool Contains(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork && Network.Contains(address);

    /// <summary>Whether <paramref name="address"/> is one of the name addresses (a remote host's stand-in).</summary>
    public bool IsNameAddress(IPAddress address)
    {
        if (!Contains(address))
            return false;
        var host = Layout.HostNumber(address);
        return host >= Layout.FirstNameHost && host <= Layout.LastNameHost;
    }

    private static int CheckedSlot(int slot) =>
        slot is < 1 or > 254 ? throw new ArgumentOutOfRangeException(nameof(slot), slot, "slots are 1..254") : slot;

    /// <summary>20000 + slot × 100 + a per-service offset below 100: unique per slot and service.</summary>
    private int HighPort(int offset) => 20000 + (Slot ?? 0) * 100 + offset;
}
