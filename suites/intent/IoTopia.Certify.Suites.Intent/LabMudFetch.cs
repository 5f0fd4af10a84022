using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.DutWeb;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// Fetches a MUD URL (or a mud-signature URL) the way a MUD manager would, inside the lab: only https; the
/// host looked up through the lab resolver from the probe address; the connection from the probe address to
/// that lab address only (never an address the DUT names, never outside the rig's network); TLS with SNI
/// and a server certificate that must chain to the lab's roots and name the host; no redirects; the body
/// read up to a limit. The URL's default port stands for the lab HTTPS host's port.
/// </summary>
internal static class LabMudFetch
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static async Task<FetchedResource> GetAsync(StepContext context, Uri url, X509Certificate2Collection roots, int maxBytes, CancellationToken ct)
    {
        var result = new FetchedResource { Url = url };
        if (url.Scheme != Uri.UriSchemeHttps)
            return result with { DeviceProblem = $"the URL uses {url.Scheme}, not https: a MUD file must be delivered over TLS, and the lab fetches https URLs only" };
        var network = RigDrivers.Resource<IDutNetwork>(context);
        var plan = RigDrivers.Resource<AddressPlan>(context);
        var resolver = RigDrivers.Lab<ILabDns>(context)?.Endpoint;
        if (network is null || plan is null || resolver is null)
            return result with { LabProblem = $"rig '{context.Rig.Description.Name}' has no lab resolver and probe route to fetch from" };

        IPAddress address;
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var literal))
            address = literal;
        else if (!HostNames.IsValid(url.IdnHost))
            return result with { DeviceProblem = $"'{DeviceText.Clip(url.Host, 200)}' is not a host name" };
        else
        {
            var (resolved, problem) = await LabNameLookup.ResolveAsync(resolver, network.ProbeAddress, url.IdnHost, ct);
            if (resolved is null)
                return result with { DeviceProblem = problem };
            address = resolved;
        }
        if (!plan.Contains(address))
            return result with { DeviceProblem = $"{address} is not an address of the lab's network: the harness sends nothing there" };
        var server = new IPEndPoint(address, url.IsDefaultPort ? plan.HttpsPort : url.Port);
        result = result with { Server = server };

        string? tlsPeer = null;
        using var http = Client(network.ProbeAddress, server, roots, peer => tlsPeer = peer);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            var (body, truncated) = await ProbeHttpClient.ReadLimitedAsync(response, maxBytes, ct);
            return result with
            {
                Status = (int)response.StatusCode,
                ContentType = response.Content.Headers.ContentType?.ToString(),
                Body = body,
                Truncated = truncated,
                TlsPeer = tlsPeer,
            };
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return result with { TlsPeer = tlsPeer, LabProblem = $"GET {DeviceText.Clip(url.ToString(), 200)} from {network.ProbeAddress} to {server} failed: {e.Message}" };
        }
    }

    private static HttpClient Client(IPAddress source, IPEndPoint server, X509Certificate2Collection roots, Action<string> peer)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            MaxResponseHeadersLength = 64,
            ConnectCallback = async (_, ct) =>
            {
                // whatever the URL names, the connection goes to the address the lab resolver gave, from the probe address
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(server, ct);
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
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is not X509Certificate2 cert)
                        return false;
                    var trusted = ProbeHttpClient.ChainsTo(cert, roots);
                    var nameOk = !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch);
                    peer($"{cert.Subject}; {(trusted ? "chains to the lab's roots" : "does NOT chain to the lab's roots")}; {(nameOk ? "names the host" : "does NOT name the host")}");
                    return trusted && nameOk;
                },
            },
        };
        return new HttpClient(handler) { Timeout = RequestTimeout };
    }
}
