using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// The DUT's certificate as its HTTPS port shows it to the harness's probe address (the certificate channel
/// of RFC 8520 §10, which TLS 1.3 hides from captures): a TLS handshake and nothing more, the certificate
/// kept whatever it is, and whether it chains to the rig's roots (revocation and downloads off).
/// </summary>
public sealed record ProbeCertificate(X509Certificate2? Certificate, bool ChainsToRigRoots, string? Problem)
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    public static async Task<ProbeCertificate> ReadAsync(IDutNetwork network, CancellationToken ct)
    {
        if (network.WebScheme != "https")
            return new ProbeCertificate(null, false, $"{network.DutAddress}:{network.WebPort} speaks plain {network.WebScheme} (dut.web-scheme): no certificate to read");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(AttemptTimeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        X509Certificate2? seen = null;
        try
        {
            socket.Bind(new IPEndPoint(network.ProbeAddress, 0));
            await socket.ConnectAsync(new IPEndPoint(network.DutAddress, network.WebPort), timeout.Token);
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
            {
                if (certificate is not null)
                    seen = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                return true; // judged below, against the rig's roots only
            });
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = network.DutAddress.ToString(),
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            }, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            if (seen is null)
                return new ProbeCertificate(null, false, $"no TLS handshake with {network.DutAddress}:{network.WebPort}: {e.Message}");
        }
        return seen is null
            ? new ProbeCertificate(null, false, $"{network.DutAddress}:{network.WebPort} showed no certificate")
            : new ProbeCertificate(seen, ChainsTo(seen, network.WebTrustRoots), null);
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(certificate);
    }
}
