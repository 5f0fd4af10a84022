using System.Net;
using System.Net.Sockets;

namespace IoTopia.Certify.Rigs.Lab.Common;

/// <summary>
/// Who a lab service may send to: loopback, or the run's own subnet when it lives inside the network
/// namespaces the rig created (CONTRACTS.md: no packet leaves the machine). A reply to anyone else is
/// not sent, and the refusal is logged. Never a broadcast or multicast address.
/// </summary>
public static class LabPeers
{
    private static readonly IPNetwork Loopback = IPNetwork.Parse("127.0.0.0/8");

    /// <param name="peer">who asked</param>
    /// <param name="runNetwork">the run's own subnet (<see cref="Addressing.AddressPlan.Network"/>), or null for loopback only</param>
    public static bool MayReplyTo(IPEndPoint peer, IPNetwork? runNetwork = null)
    {
        var address = peer.Address.IsIPv4MappedToIPv6 ? peer.Address.MapToIPv4() : peer.Address;
        if (address.AddressFamily != AddressFamily.InterNetwork || peer.Port <= 0)
            return false;
        if (Loopback.Contains(address))
            return !address.Equals(IPAddress.Parse("127.255.255.255"));
        return runNetwork is { } network && network.Contains(address) && !IsNetworkOrBroadcast(address, network);
    }

    private static bool IsNetworkOrBroadcast(IPAddress address, IPNetwork network)
    {
        var hostBits = 32 - network.PrefixLength;
        var host = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes()) & (hostBits == 32 ? uint.MaxValue : (1u << hostBits) - 1);
        return host == 0 || host == (hostBits == 32 ? uint.MaxValue : (1u << hostBits) - 1);
    }

    public static string Text(IPEndPoint? endpoint) => endpoint is null ? "" : $"{endpoint.Address}:{endpoint.Port}";
}
