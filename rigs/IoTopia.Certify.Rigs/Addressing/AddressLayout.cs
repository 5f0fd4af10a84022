using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace IoTopia.Certify.Rigs.Addressing;

/// <summary>
/// Where a run's roles sit on its IPv4 subnet: the lab's services, the DUT, the harness's probes, and the
/// contiguous host numbers the lab resolver hands out, one per name (they stand for remote hosts). The
/// reference-device rigs take .1, .2, .3 and .10–.99 of a /24 of their slot; a bench names its own.
/// </summary>
public sealed record AddressLayout
{
    public const int DefaultFirstNameHost = 10;
    public const int DefaultLastNameHost = 99;

    public AddressLayout(IPNetwork network, IPAddress lab, IPAddress dut, IPAddress probe, int firstNameHost = DefaultFirstNameHost, int lastNameHost = DefaultLastNameHost)
    {
        Network = network;
        Lab = lab;
        Dut = dut;
        Probe = probe;
        FirstNameHost = firstNameHost;
        LastNameHost = lastNameHost;
    }

    public IPNetwork Network { get; }
    public IPAddress Lab { get; }
    public IPAddress Dut { get; }
    public IPAddress Probe { get; }

    /// <summary>The first and last host number (offset from the network address) of the per-name addresses.</summary>
    public int FirstNameHost { get; }

    public int LastNameHost { get; }

    /// <summary>.1 lab, .2 DUT, .3 probes, .10–.99 names on <c>first.second.slot.0/24</c>.</summary>
    public static AddressLayout OfSlot((byte First, byte Second) prefix, int slot)
    {
        var network = new IPNetwork(new IPAddress([prefix.First, prefix.Second, (byte)slot, 0]), 24);
        return new AddressLayout(network, HostOf(network, 1), HostOf(network, 2), HostOf(network, 3));
    }

    /// <summary>The address <paramref name="host"/> numbers above the network address.</summary>
    public IPAddress Host(int host) => HostOf(Network, host);

    public IEnumerable<IPAddress> NameAddresses => Enumerable.Range(FirstNameHost, LastNameHost - FirstNameHost + 1).Select(Host);

    /// <summary>What a bench's layout gets wrong, each as a sentence naming the key of <c>drivers.lab</c>; empty when it is usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            yield return $"subnet: {Network} is not an IPv4 network (the lab's services and the DUT's DHCP are IPv4)";
            yield break;
        }
        if (Network.PrefixLength is < 8 or > 30)
        {
            yield return $"subnet: {Network} must have a prefix length between /8 and /30";
            yield break;
        }
        var hosts = HostCount(Network);
        foreach (var (key, address) in new[] { ("lab-address", Lab), ("dut-address", Dut), ("probe-address", Probe) })
        {
            if (!IsUsableHost(address))
                yield return $"{key}: {address} is not a host address of the subnet {Network}";
        }
        if (Lab.Equals(Dut) || Lab.Equals(Probe) || Dut.Equals(Probe))
            yield return $"lab-address, dut-address and probe-address must be three different addresses (they are {Lab}, {Dut}, {Probe})";
        if (FirstNameHost < 1 || LastNameHost >= hosts - 1 || FirstNameHost > LastNameHost)
        {
            yield return $"name-hosts: {FirstNameHost}-{LastNameHost} must be host numbers of {Network}, 1 to {hosts - 2}, first ≤ last";
            yield break;
        }
        foreach (var (key, address) in new[] { ("lab-address", Lab), ("dut-address", Dut), ("probe-address", Probe) })
        {
            var host = HostNumber(address);
            if (host >= FirstNameHost && host <= LastNameHost)
                yield return $"name-hosts: {FirstNameHost}-{LastNameHost} holds {key} {address}; the per-name addresses stand for remote hosts and must be apart";
        }
    }

    /// <summary>How far <paramref name="address"/> is above the network address (negative or beyond the subnet when outside it).</summary>
    public long HostNumber(IPAddress address) => (long)Value(address) - Value(Network.BaseAddress);

    private bool IsUsableHost(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork || !Network.Contains(address))
            return false;
        var host = HostNumber(address);
        return host > 0 && host < HostCount(Network) - 1;
    }

    private static long HostCount(IPNetwork network) => 1L << (32 - network.PrefixLength);

    private static IPAddress HostOf(IPNetwork network, int host)
    {
        if (host < 0 || host >= HostCount(network))
            throw new ArgumentOutOfRangeException(nameof(host), host, $"not a host number of {network}");
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Value(network.BaseAddress) + (uint)host);
        return new IPAddress(bytes);
    }

    internal static uint Value(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
}
