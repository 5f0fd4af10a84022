using System.Net;
using System.Text.Json;

namespace IoTopia.Certify.Rigs.Addressing;

/// <summary>The IPv4 addresses of this network namespace's interfaces, as <c>ip -j addr show</c> lists them.</summary>
public sealed record InterfaceAddresses(IReadOnlyDictionary<string, IReadOnlyList<(IPAddress Address, int PrefixLength)>> ByInterface, IReadOnlySet<string> Down)
{
    public static async Task<InterfaceAddresses> ReadAsync(CancellationToken ct) => Parse(await IpCommand.RunAsync(["-j", "addr", "show"], null, ct));

    /// <summary>Reads <c>ip -j addr show</c>'s output (interfaces whose flags lack UP are <see cref="Down"/>).</summary>
    public static InterfaceAddresses Parse(string json)
    {
        var byInterface = new Dictionary<string, IReadOnlyList<(IPAddress, int)>>(StringComparer.Ordinal);
        var down = new HashSet<string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var link in document.RootElement.EnumerateArray())
        {
            if (!link.TryGetProperty("ifname", out var name) || name.GetString() is not { } ifname)
                continue;
            if (link.TryGetProperty("flags", out var flags) && !flags.EnumerateArray().Any(f => f.GetString() == "UP"))
                down.Add(ifname);
            var addresses = new List<(IPAddress, int)>();
            if (link.TryGetProperty("addr_info", out var info))
            {
                foreach (var a in info.EnumerateArray())
                {
                    if (a.TryGetProperty("family", out var family) && family.GetString() == "inet"
                        && a.TryGetProperty("local", out var local) && IPAddress.TryParse(local.GetString(), out var address)
                        && a.TryGetProperty("prefixlen", out var prefix) && prefix.TryGetInt32(out var length))
                        addresses.Add((address, length));
                }
            }
            byInterface[ifname] = addresses;
        }
        return new InterfaceAddresses(byInterface, down);
    }

    public bool Has(string interfaceName) => ByInterface.ContainsKey(interfaceName);

    /// <summary>Whether <paramref name="address"/> is already on <paramref name="interfaceName"/> (on <c>lo</c>: anywhere in 127.0.0.0/8).</summary>
    public bool Holds(string interfaceName, IPAddress address) =>
        (interfaceName == "lo" && IPNetwork.Parse("127.0.0.0/8").Contains(address))
        || (ByInterface.TryGetValue(interfaceName, out var list) && list.Any(a => a.Address.Equals(address)));

    /// <summary>Another interface with an address in <paramref name="subnet"/> or a network holding it: the subnet would not be the DUT's alone.</summary>
    public IEnumerable<string> Overlapping(string interfaceName, IPNetwork subnet) =>
        from pair in ByInterface
        where pair.Key != interfaceName
        from a in pair.Value
        where subnet.Contains(a.Address) || new IPNetwork(Masked(a.Address, a.PrefixLength), a.PrefixLength).Contains(subnet.BaseAddress)
        select $"{pair.Key} has {a.Address}/{a.PrefixLength}";

    private static IPAddress Masked(IPAddress address, int prefixLength)
    {
        var value = AddressLayout.Value(address) & (prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength));
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }
}
