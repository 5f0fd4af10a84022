using System.Net;
using System.Net.Sockets;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>A UDP client on a given local address (the DUT's, as a device would send), with receive deadlines.</summary>
public sealed class UdpProbe : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public UdpProbe(IPAddress local, int port = 0) => _socket.Bind(new IPEndPoint(local, port));

    public IPEndPoint Local => (IPEndPoint)_socket.LocalEndPoint!;

    public Task SendAsync(byte[] data, IPEndPoint to) => _socket.SendToAsync(data, SocketFlags.None, to);

    /// <summary>The next datagram and its sender, or null when none comes within <paramref name="timeout"/>.</summary>
    public async Task<(byte[] Data, IPEndPoint From)?> ReceiveAsync(TimeSpan timeout)
    {
        var buffer = new byte[65_535];
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var got = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), deadline.Token);
            return (buffer[..got.ReceivedBytes], (IPEndPoint)got.RemoteEndPoint);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose() => _socket.Dispose();
}
