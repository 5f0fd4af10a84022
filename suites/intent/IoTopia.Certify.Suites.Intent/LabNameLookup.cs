using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using IoTopia.Certify.Wire.Dns;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// A name looked up the way the DUT would: an A query over UDP to the lab resolver, sent from the harness's
/// probe address (never the OS resolver). Three tries, one second each.
/// </summary>
internal static class LabNameLookup
{
    private const int Tries = 3;
    private static readonly TimeSpan TryTimeout = TimeSpan.FromSeconds(1);

    /// <returns>the address, or why there is none (NXDOMAIN, no answer)</returns>
    public static async Task<(IPAddress? Address, string? Problem)> ResolveAsync(IPEndPoint resolver, IPAddress source, string host, CancellationToken ct)
    {
        var id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue);
        var query = Query(id, host);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(source, 0));
        var buffer = new byte[1500];
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            await socket.SendToAsync(query, SocketFlags.None, resolver, ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TryTimeout);
            try
            {
                while (true)
                {
                    var got = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
                    var reply = buffer.AsSpan(0, got.ReceivedBytes);
                    if (reply.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(reply) != id)
                        continue;
                    var rcode = reply[3] & 0x0F;
                    if (rcode != 0)
                        return (null, rcode == 3 ? $"the lab resolver answers NXDOMAIN for {host}" : $"the lab resolver answers rcode {rcode} for {host}");
                    var bound = DnsAnswerSet.Read(reply).Bindings()
                        .FirstOrDefault(b => string.Equals(b.Name, host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase) && b.Address.Version == 4);
                    return bound.Name is null ? (null, $"the lab resolver gives no A record for {host}") : (bound.Address.ToIPAddress(), null);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // no answer within this try
            }
        }
        return (null, $"the lab resolver {resolver} did not answer a query for {host} ({Tries} tries)");
    }

    private static byte[] Query(ushort id, string host)
    {
        var bytes = new List<byte> { (byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in host.TrimEnd('.').Split('.'))
        {
            var ascii = Encoding.ASCII.GetBytes(label);
            bytes.Add((byte)ascii.Length);
            bytes.AddRange(ascii);
        }
        bytes.AddRange([0, 0, 1, 0, 1]);
        return [.. bytes];
    }
}
