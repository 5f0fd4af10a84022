using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.DutWeb;

/// <summary>
/// An HttpClient whose connections start from the harness's probe address and go only to the DUT, and
/// which accepts the DUT's certificate only if it chains to the rig's trust roots (revocation and downloads off).
/// </summary>
public static class ProbeHttpClient
{
    /// <summary>The most of a response body the harness reads; more is the device's outcome, not the lab's.</summary>
    public const int MaxResponseBytes = 2 * 1024 * 1024;

    public static HttpClient Create(IDutNetwork network, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            MaxResponseHeadersLength = 64,
            ConnectCallback = async (context, ct) =>
            {
                if (!IPAddress.TryParse(context.DnsEndPoint.Host, out var target) || !target.Equals(network.DutAddress))
                    throw new InvalidOperationException($"probes go to the DUT only, not to {context.DnsEndPoint.Host}");
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(network.ProbeAddress, 0));
                    await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 cert && ChainsTo(cert, network.WebTrustRoots),
            },
        };
        return new HttpClient(handler) { Timeout = timeout };
    }

    /// <summary>Reads at most <see cref="MaxResponseBytes"/> of the body; the flag says whether there was more.</summary>
    public static Task<(byte[] Body, bool Truncated)> ReadLimitedAsync(HttpResponseMessage response, CancellationToken ct) =>
        ReadLimitedAsync(response, MaxResponseBytes, ct);

    /// <summary>Reads at most <paramref name="maxBytes"/> of the body; the flag says whether there was more.</summary>
    public static async Task<(byte[] Body, bool Truncated)> ReadLimitedAsync(HttpResponseMessage response, int maxBytes, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0)
            read += n;
        return read > maxBytes ? (buffer[..maxBytes], true) : (buffer[..read], false);
    }

    /// <summary>Whether <paramref name="certificate"/> chains to one of <paramref name="roots"/> (no revocation checks, no downloads).</summary>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(certificate);
    }
}
