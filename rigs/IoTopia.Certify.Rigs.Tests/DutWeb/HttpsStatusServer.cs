using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace IoTopia.Certify.Rigs.Tests.DutWeb;

/// <summary>
/// A device's status endpoint, played over real TLS on the DUT's address (or plain HTTP, without a certificate): each
/// request is answered with the one scripted response (status and body) and the connection closed. It records who asked for what.
/// </summary>
internal sealed class HttpsStatusServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2? _certificate;
    private readonly int _status;
    private readonly byte[] _body;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<(IPEndPoint From, string RequestLine)> _requests = [];

    public HttpsStatusServer(IPAddress address, X509Certificate2? certificate, int status, byte[] body)
    {
        _certificate = certificate;
        _status = status;
        _body = body;
        _listener = new TcpListener(address, 0);
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public HttpsStatusServer(IPAddress address, X509Certificate2? certificate, int status, string body)
        : this(address, certificate, status, Encoding.UTF8.GetBytes(body))
    {
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<(IPEndPoint From, string RequestLine)> Requests
    {
        get
        {
            lock (_requests)
                return [.. _requests];
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                deadline.CancelAfter(TimeSpan.FromSeconds(10));
                await using var tls = _certificate is null ? (Stream)client.GetStream() : new SslStream(client.GetStream());
                if (tls is SslStream ssl)
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, deadline.Token);
                var head = await ReadHeadAsync(tls, deadline.Token);
                if (head.Length == 0)
                    return; // the client closed without asking (e.g. it refused our certificate after a TLS 1.3 handshake)
                lock (_requests)
                    _requests.Add(((IPEndPoint)client.Client.RemoteEndPoint!, head.Split("\r\n")[0]));
                var header = $"HTTP/1.1 {_status} Scripted\r\nContent-Type: application/json\r\nContent-Length: {_body.Length}\r\nConnection: close\r\n\r\n";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(header), deadline.Token);
                await tls.WriteAsync(_body, deadline.Token);
                await tls.FlushAsync(deadline.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
            {
                // the client went away or refused our certificate: nothing to answer
            }
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var buffer = new byte[1024];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16 * 1024)
        {
            var n = await stream.ReadAsync(buffer, ct);
            if (n == 0)
                break;
            head.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        return head.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
