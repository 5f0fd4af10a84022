using System.Net;
using System.Net.Sockets;

namespace IoTopia.Certify.Rigs.Lab.Common;

/// <summary>
/// A UDP socket on one lab address with a receive loop. Each datagram (any size up to the UDP
/// maximum, so nothing is silently truncated) goes to a handler; a handler that throws is reported
/// and the loop goes on. Replies go only to loopback peers or peers in the run's own namespace subnet
/// (<see cref="LabPeers"/>); broadcast is never enabled on the socket.
/// </summary>
internal sealed class UdpServer : IAsyncDisposable
{
    private const int MaxDatagram = 65_535;
    private static readonly TimeSpan SendDeadline = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private readonly IPNetwork? _runNetwork;

    private UdpServer(Socket socket, IPEndPoint local, IPNetwork? runNetwork)
    {
        _socket = socket;
        Local = local;
        _runNetwork = runNetwork;
    }

    public IPEndPoint Local { get; }

    /// <summary>Binds <paramref name="endpoint"/>; a busy or forbidden port is a <see cref="LabServiceException"/> naming it.</summary>
    /// <param name="service">the lab service's name, for errors</param>
    /// <param name="endpoint">where to listen</param>
    /// <param name="runNetwork">the run's subnet when it is not on loopback (inside the rig's namespaces), else null</param>
    public static UdpServer Bind(string service, IPEndPoint endpoint, IPNetwork? runNetwork = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { EnableBroadcast = false };
        try
        {
            socket.Bind(endpoint);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new LabServiceException(service, $"cannot listen on {endpoint}/udp: {e.SocketErrorCode} ({e.Message})", e);
        }
        return new UdpServer(socket, (IPEndPoint)socket.LocalEndPoint!, runNetwork);
    }

    /// <param name="handler">called for each datagram, one at a time</param>
    /// <param name="onError">told about a handler or socket failure; the loop continues</param>
    public void Start(Func<UdpDatagram, CancellationToken, ValueTask> handler, Action<Exception> onError) =>
        _loop = Task.Run(() => ReceiveLoopAsync(handler, onError));

    private async Task ReceiveLoopAsync(Func<UdpDatagram, CancellationToken, ValueTask> handler, Action<Exception> onError)
    {
        var buffer = new byte[MaxDatagram];
        var token = _stop.Token;
        var failures = 0;
        while (!token.IsCancellationRequested)
        {
            UdpDatagram datagram;
            try
            {
                var got = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), token);
                datagram = new UdpDatagram(buffer.AsSpan(0, got.ReceivedBytes).ToArray(), (IPEndPoint)got.RemoteEndPoint, DateTimeOffset.UtcNow);
                failures = 0;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && token.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                onError(e);
                if (++failures > 50)
                    await PauseAsync(token);
                continue;
            }
            try
            {
                await handler(datagram, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                onError(e);
            }
        }
    }

    private static async Task PauseAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), token);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>Sends <paramref name="data"/> to <paramref name="peer"/> if it is a unicast peer the lab may answer; false when refused.</summary>
    public async Task<bool> ReplyAsync(ReadOnlyMemory<byte> data, IPEndPoint peer, CancellationToken ct)
    {
        if (!MayReplyTo(peer))
            return false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(SendDeadline);
        await _socket.SendToAsync(data, SocketFlags.None, peer, deadline.Token);
        return true;
    }

    public bool MayReplyTo(IPEndPoint peer) => LabPeers.MayReplyTo(peer, _runNetwork);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop.WaitAsync(StopDeadline);
        }
        catch (TimeoutException)
        {
            // the loop is stuck in a handler; it ends with the process
        }
        _stop.Dispose();
    }
}
