using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>
/// An HTTPS client as the DUT would be: connects from the DUT's address to the address the plan gives
/// a name (no OS resolver), keeps the server certificate it was shown, optionally presents a client
/// certificate and optionally refuses every server certificate.
/// </summary>
public sealed class LabHttpsClient : IDisposable
{
    private readonly HttpClient _http;

    public LabHttpsClient(IPAddress source, Func<string, IPAddress> resolve, X509Certificate2? clientCertificate = null, bool refuseServer = false)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = ConnectFrom(source, resolve),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    if (cert is not null)
                        ServerCertificate = X509CertificateLoader.LoadCertificate(cert.GetRawCertData());
                    return !refuseServer;
                },
            },
        };
        _http = new HttpClient(handler) { Timeout = Deadlines.Reply };
    }

    /// <summary>Connects from <paramref name="source"/> to the address <paramref name="resolve"/> gives the name (no OS resolver).</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectFrom(IPAddress source, Func<string, IPAddress> resolve) =>
        async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(new IPEndPoint(resolve(context.DnsEndPoint.Host), context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    /// <summary>The certificate the server presented last; the test validates it itself.</summary>
    public X509Certificate2? ServerCertificate { get; private set; }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public void Dispose() => _http.Dispose();
}
