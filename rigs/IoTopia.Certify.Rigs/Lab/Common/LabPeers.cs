using System.Net;
using System.Net.Sockets;

namespace IoTopia.Certify.Rigs.Lab.Common;

/// <summary>
/// Who a lab service may send to: loopback only (CONTRACTS.md: no packet leaves the machine). A reply
/// to anyone else is not sent, and the refusal is logged. Never a broadcast or multicast address.
/// </summary>
public static class LabPeers
{
    private static readonly IPNetwork Loopback = IPNetwork.Parse("127.0.0.0/8");

    public static bool MayReplyTo(IPEndPoint peer)
    {
        var address = peer.Address.IsIPv4MappedToIPv6 ? peer.Address.MapToIPv4() : peer.Address;
        return address.AddressFamily == AddressFamily.InterNetwork
            && Loopback.Contains(address)
            && !address.Equals(IPAddress.Parse("127.255.255.255"))
            && peer.Port > 0;
    }

    public static string Text(IPEndPoint? endpoint) => endpoint is null ? "" : $"{endpoint.Address}:{endpoint.Port}";
}
