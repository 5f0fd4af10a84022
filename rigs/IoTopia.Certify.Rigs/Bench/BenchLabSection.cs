using System.Globalization;
using System.Net;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Rigs.Addressing;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>
/// <c>drivers.lab</c> of a bench rig file as written (kebab-case keys, bound with file:line errors): the DUT-facing
/// network — its interface, subnet, the lab's, the DUT's and the probes' addresses, the host numbers the lab
/// resolver hands out per name, what local-networks means there — and the lab services the harness runs on it.
/// </summary>
public sealed class BenchLabSection : IValidatableArguments
{
    /// <summary>The DUT-facing interface (the bench's second network card, the DUT alone on it; <c>lo</c> for a DUT on loopback).</summary>
    public required string Interface { get; init; }

    /// <summary>The DUT's IPv4 subnet in CIDR form.</summary>
    public required string Subnet { get; init; }

    /// <summary>Where the lab's services listen; default: host 1 of the subnet.</summary>
    public string? LabAddress { get; init; }

    /// <summary>The DUT's address (leased to it by the lab's DHCP); default: host 2.</summary>
    public string? DutAddress { get; init; }

    /// <summary>The harness's own probe address (scans, status polls), excluded from the DUT's traffic; default: host 3.</summary>
    public string? ProbeAddress { get; init; }

    /// <summary>Host numbers (first-last) of the per-name addresses the lab resolver answers with; they stand for remote hosts.</summary>
    public string NameHosts { get; init; } = $"{AddressLayout.DefaultFirstNameHost}-{AddressLayout.DefaultLastNameHost}";

    /// <summary>What local-networks means for the DUT (CIDR); default: the subnet. The per-name addresses are never local.</summary>
    public List<string> LocalNetworks { get; init; } = [];

    public List<BenchLabService> Services { get; init; } = [];

    /// <summary>Default: dnsmasq on a card, the lab's listener on <c>lo</c> (loopback carries no broadcast DHCP).</summary>
    public BenchDhcpServer? DhcpServer { get; init; }

    public BenchDhcpServer EffectiveDhcpServer => DhcpServer ?? (Interface == "lo" ? BenchDhcpServer.Listener : BenchDhcpServer.Dnsmasq);

    /// <summary>Folder of the lab's test PKI (TLS certificates of the HTTPS host and MUD server), relative to the rig file.</summary>
    public string Pki { get; init; } = "../.build/test-pki";

    public IEnumerable<string> Validate()
    {
        if (Interface.Length is 0 or > 15 || Interface.Any(c => c is '/' or ':' or '\0' || char.IsWhiteSpace(c)) || Interface is "." or "..")
            yield return $"interface: '{Interface}' is not a network interface name";
        if (!IPNetwork.TryParse(Subnet, out _))
            yield return $"subnet: '{Subnet}' is not a network in CIDR form (192.168.50.0/24)";
        foreach (var (key, text) in new[] { ("lab-address", LabAddress), ("dut-address", DutAddress), ("probe-address", ProbeAddress) })
        {
            if (text is not null && !IPAddress.TryParse(text, out _))
                yield return $"{key}: '{text}' is not an IP address";
        }
        if (ParseNameHosts(NameHosts) is null)
            yield return $"name-hosts: '{NameHosts}' is not a range of host numbers (10-99)";
        foreach (var network in LocalNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
            yield return $"local-networks: '{network}' is not a network in CIDR form";
        foreach (var twice in Services.GroupBy(s => s).Where(g => g.Count() > 1))
            yield return $"services: {ArgumentBinder.KebabCase(twice.Key.ToString())} is listed twice";
        if (Interface == "lo" && DhcpServer == BenchDhcpServer.Dnsmasq)
            yield return "dhcp-server: dnsmasq leases over broadcast, which nothing may send on loopback: use the listener (a DUT on lo sends a unicast DHCPINFORM)";
        if (Services.Contains(BenchLabService.Mud) && !Services.Contains(BenchLabService.Https))
            yield return "services: mud is served through the HTTPS host: list https too";
        if (Services.Contains(BenchLabService.Update) && !Services.Contains(BenchLabService.Https))
            yield return "services: update is served through the HTTPS host: list https too";
        if (Layout() is { } layout)
        {
            foreach (var problem in layout.Problems())
                yield return problem;
        }
    }

    /// <summary>The layout the keys describe, or null when a key is not even an address.</summary>
    public AddressLayout? Layout()
    {
        if (!IPNetwork.TryParse(Subnet, out var network) || ParseNameHosts(NameHosts) is not var (first, last))
            return null;
        var lab = Address(LabAddress, network, 1);
        var dut = Address(DutAddress, network, 2);
        var probe = Address(ProbeAddress, network, 3);
        if (lab is null || dut is null || probe is null)
            return null;
        return new AddressLayout(network, lab, dut, probe, first, last);
    }

    private static IPAddress? Address(string? text, IPNetwork network, int defaultHost)
    {
        if (text is not null)
            return IPAddress.TryParse(text, out var given) ? given : null;
        if (network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || network.PrefixLength > 30)
            return network.BaseAddress; // the layout's own check names the subnet
        var bytes = network.BaseAddress.GetAddressBytes();
        bytes[3] += (byte)defaultHost;
        return new IPAddress(bytes);
    }

    private static (int First, int Last)? ParseNameHosts(string text)
    {
        var parts = text.Split('-');
        return parts.Length == 2
               && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
               && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            ? (first, last)
            : null;
    }
}
