using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace IoTopia.Certify.Rigs.Addressing;

/// <summary>IPv4 networks with a range of addresses taken out, as the fewest CIDR blocks (IPv6 networks pass unchanged).</summary>
public static class Ipv4Ranges
{
    public static IReadOnlyList<IPNetwork> Without(IEnumerable<IPNetwork> networks, IPAddress first, IPAddress last)
    {
        var (from, to) = (AddressLayout.Value(first), AddressLayout.Value(last));
        var result = new List<IPNetwork>();
        foreach (var network in networks)
        {
            if (network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            {
                result.Add(network);
                continue;
            }
            var start = AddressLayout.Value(network.BaseAddress);
            var end = start + (uint)((1L << (32 - network.PrefixLength)) - 1);
            if (to < start || from > end)
            {
                result.Add(network);
                continue;
            }
            if (from > start)
                result.AddRange(Blocks(start, from - 1));
            if (to < end)
                result.AddRange(Blocks(to + 1, end));
        }
        return result;
    }

    /// <summary>The fewest CIDR blocks that cover exactly [start, end].</summary>
    private static IEnumerable<IPNetwork> Blocks(uint start, uint end)
    {
        var next = (ulong)start;
        while (next <= end)
        {
            var size = next == 0 ? 1UL << 32 : next & (~next + 1); // the largest block aligned at next
            while (next + size - 1 > end)
                size >>= 1;
            var prefix = 32 - System.Numerics.BitOperations.Log2(size);
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)next);
            yield return new IPNetwork(new IPAddress(bytes), prefix);
            next += size;
        }
    }
}
