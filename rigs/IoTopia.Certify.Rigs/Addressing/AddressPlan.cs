using System.Collections.Concurrent;
using System.Net;

namespace IoTopia.Certify.Rigs.Addressing;

/// <summary>
/// A run's addresses on its own loopback subnet 127.77.&lt;slot&gt;.0/24 (CONTRACTS.md): .1 lab services,
/// .2 the DUT, .3 the harness's own probes, .10–.99 one address per name the lab resolver answers.
/// Ports below 1024 need root; without it every service gets a high port derived from the slot.
/// </summary>
public sealed class AddressPlan
{
    private readonly ConcurrentDictionary<string, IPAddress> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private int _next = 10;

    public AddressPlan(int slot, bool privilegedPorts)
    {
        if (slot is < 1 or > 254)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, "slots are 1..254");
        Slot = slot;
        PrivilegedPorts = privilegedPorts;
    }

    public int Slot { get; }
    public bool PrivilegedPorts { get; }

    public string Subnet => $"127.77.{Slot}.0/24";
    public IPAddress Lab => Host(1);
    public IPAddress Dut => Host(2);
    public IPAddress Probe => Host(3);

    public int DnsPort => PrivilegedPorts ? 53 : HighPort(53);
    public int DhcpPort => PrivilegedPorts ? 67 : HighPort(67);
    public int NtpPort => PrivilegedPorts ? 123 : HighPort(23);
    public int HttpsPort => PrivilegedPorts ? 443 : HighPort(43);
    public int DutWebPort => PrivilegedPorts ? 443 : HighPort(44);

    public IPAddress Host(int last) => IPAddress.Parse($"127.77.{Slot}.{last}");

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
            if (_next > 99)
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
        return b.Length == 4 && b[0] == 127 && b[1] == 77 && b[2] == Slot;
    }

    /// <summary>20000 + slot × 100 + a per-service offset below 100: unique per slot and service.</summary>
    private int HighPort(int offset) => 20000 + Slot * 100 + offset;
}
