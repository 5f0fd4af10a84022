using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab.Update;

/// <summary>
/// A real HTTPS client for the update server, as a DUT would be: connects from the DUT's address to the name's
/// lab address, trusts only the test PKI's CA (chain and name checked), and reads bodies as they come.
/// </summary>
public sealed class UpdateTestClient : IDisposable
{
    private readonly HttpClient _http;

    public UpdateTestClient(IPAddress source, Func<string, IPAddress> resolve, X509Certificate2 ca)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = LabHttpsClient.ConnectFrom(source, resolve),
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { ca },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>What a GET brought: the status, the declared length, every byte read, and whether the body ended cleanly or how it broke.</summary>
    public sealed record Received(HttpStatusCode Status, long? ContentLength, byte[] Body, Exception? Broken, TimeSpan Elapsed);

    /// <summary>GETs <paramref name="url"/> and reads the body (at most <paramref name="readLimit"/> bytes, then the client stops and closes) within <paramref name="deadline"/>.</summary>
    public async Task<Received> GetAsync(string url, TimeSpan deadline, long readLimit = long.MaxValue)
    {
        using var cts = new CancellationTokenSource(deadline);
        var clock = Stopwatch.StartNew();
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var body = new MemoryStream();
        Exception? broken = null;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
            var buffer = new byte[16 * 1024];
            while (body.Length < readLimit)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, readLimit - body.Length)), cts.Token);
                if (n == 0)
                    break;
                body.Write(buffer, 0, n);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            broken = e;
        }
        return new Received(response.StatusCode, response.Content.Headers.ContentLength, body.ToArray(), broken, clock.Elapsed);
    }

    /// <summary>Sends and returns once the headers are in; the body is read by the caller (or not at all).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);

    public void Dispose() => _http.Dispose();
}
