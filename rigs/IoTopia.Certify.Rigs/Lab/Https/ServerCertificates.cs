using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Pki;

namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>
/// The certificate for each TLS handshake: for a valid SNI name, one issued by the test PKI for that
/// name (made on first use, cached); without SNI, one for the address the client connected to. A
/// scenario may put another certificate on a name (expired, untrusted …) until <see cref="ResetOverrides"/>.
/// A client cannot make the lab issue without bound: past <see cref="MaxIssued"/> names it gets the address certificate.
/// </summary>
internal sealed class ServerCertificates(TestPki pki) : IDisposable
{
    public const int MaxIssued = 512;

    private readonly ConcurrentDictionary<string, Lazy<Issued>> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SslStreamCertificateContext> _overrides = new(StringComparer.OrdinalIgnoreCase);

    public SslStreamCertificateContext For(string? sni, IPAddress local)
    {
        if (HostNames.IsValid(sni))
        {
            var name = HostNames.Normalize(sni!);
            if (_overrides.TryGetValue(name, out var chosen))
                return chosen;
            if (_issued.ContainsKey("dns:" + name) || _issued.Count < MaxIssued)
                return Get("dns:" + name, () => pki.IssueServer([name]));
        }
        return Get("ip:" + local, () => pki.IssueServer([], [local]));
    }

    public void Override(string hostName, X509Certificate2 certificate) =>
        _overrides[HostNames.Normalize(hostName)] = SslStreamCertificateContext.Create(certificate, null, offline: true);

    public void ResetOverrides() => _overrides.Clear();

    private SslStreamCertificateContext Get(string key, Func<IssuedCredential> issue) =>
        _issued.GetOrAdd(key, _ => new Lazy<Issued>(() => new Issued(issue()))).Value.Context;

    public void Dispose()
    {
        foreach (var lazy in _issued.Values.Where(l => l.IsValueCreated))
            lazy.Value.Credential.Dispose();
        _issued.Clear();
    }

    private sealed class Issued(IssuedCredential credential)
    {
        public IssuedCredential Credential => credential;
        public SslStreamCertificateContext Context { get; } = SslStreamCertificateContext.Create(credential.Certificate, null, offline: true);
    }
}
