using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Pki;

namespace IoTopia.Certify.Rigs.Lab;

/// <summary>
/// The lab's test PKI: one ECDSA P-256 CA per machine, created (or loaded) under a file lock in the
/// folder the rig gives (<c>&lt;project root&gt;/.build/test-pki/</c>). Its private key never leaves
/// that folder (mode 0700, key 0600); <see cref="PublicFiles"/> are what a run copies into its inputs.
/// Issues TLS server certificates, the DUT's certificate with id-pe-mud-url, and MUD signer
/// certificates; beside it, the test manufacturer's MUD trust anchor (<see cref="OpenManufacturerAsync"/>).
/// Not a real CA: never trust it outside the lab.
/// </summary>
public sealed class TestPki : IDisposable
{
    public const string CaCertificateFile = "ca.pem";
    public const string CaKeyFile = "ca.key";
    public const string LockFile = "ca.lock";
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    private const string Organization = "IoTopia.Certify test lab (not a real CA)";
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private readonly CertificateAuthority _ca;

    private TestPki(string folder, CertificateAuthority ca)
    {
        Folder = folder;
        _ca = ca;
    }

    public string Folder { get; }
    public string CaCertificatePath => _ca.CertificatePath;

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 CaCertificate => _ca.Certificate;

    /// <summary>True when this call made the CA (none was there, or it was expiring).</summary>
    public bool CreatedNow => _ca.CreatedNow;

    /// <summary>
    /// Opens the CA in <paramref name="folder"/>, creating it if there is none (or it expires within 30
    /// days), under an exclusive lock; waits for the lock at most <paramref name="lockTimeout"/>.
    /// </summary>
    public static async Task<TestPki> OpenAsync(string folder, CancellationToken ct, TimeSpan? lockTimeout = null)
    {
        folder = Path.GetFullPath(folder);
        SecureFiles.CreatePrivateFolder(folder);
        using (await LockAsync(folder, ct, lockTimeout))
            return new TestPki(folder, CertificateAuthority.LoadOrCreate(folder, CaCertificateFile, CaKeyFile, LabCaSubject));
    }

    /// <summary>
    /// The test manufacturer's MUD trust anchor in the same folder (made on first use, under the same lock): a CA
    /// separate from the lab's TLS CA, for the manufacturer's MUD signer.
    /// </summary>
    public async Task<ManufacturerAuthority> OpenManufacturerAsync(CancellationToken ct, TimeSpan? lockTimeout = null)
    {
        using (await LockAsync(Folder, ct, lockTimeout))
            return new ManufacturerAuthority(CertificateAuthority.LoadOrCreate(Folder, ManufacturerAuthority.CertificateFile, ManufacturerAuthority.KeyFile,
                ManufacturerAuthority.AnchorSubject));
    }

    /// <summary>The files a run copies into its inputs: the CA certificate. Never a private key.</summary>
    public IReadOnlyList<string> PublicFiles() => [CaCertificatePath];

    /// <summary>Chain building against this CA only: custom root trust, no revocation checks, no downloads.</summary>
    public X509ChainPolicy CreateChainPolicy() => _ca.CreateChainPolicy();

    /// <summary>A TLS server certificate for <paramref name="dnsNames"/> and <paramref name="addresses"/> (subjectAltName).</summary>
    public IssuedCredential IssueServer(IEnumerable<string> dnsNames, IEnumerable<IPAddress>? addresses = null, TimeSpan? validity = null)
    {
        var names = dnsNames.Select(HostNames.Normalize).Distinct().ToList();
        var ips = (addresses ?? []).Distinct().ToList();
        if (names.Count == 0 && ips.Count == 0)
            throw new ArgumentException("a server certificate needs at least one name or address");
        var san = new SubjectAlternativeNameBuilder();
        names.ForEach(san.AddDnsName);
        ips.ForEach(san.AddIpAddress);
        var subject = Subject(names.Count > 0 ? names[0] : ips[0].ToString(), null);
        return _ca.Issue(subject, validity ?? TimeSpan.FromDays(90), request =>
        {
            request.CertificateExtensions.Add(san.Build(critical: false));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], critical: false));
        });
    }

    /// <summary>The DUT's certificate (TLS server and client) carrying id-pe-mud-url and, if asked, id-pe-mudsigner.</summary>
    public IssuedCredential IssueDevice(DeviceCertificateRequest request)
    {
        var urlExtension = MudCertificateExtensions.MudUrl(request.MudUrl);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(request.Address);
        foreach (var name in request.DnsNames)
            san.AddDnsName(HostNames.Normalize(name));
        var subject = Subject($"{request.Model} {request.SerialNumber}", request.SerialNumber);
        return _ca.Issue(subject, request.Validity, r =>
        {
            r.CertificateExtensions.Add(san.Build(critical: false));
            r.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            r.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], critical: false));
            r.CertificateExtensions.Add(urlExtension);
            if (request.MudSigner is not null)
                r.CertificateExtensions.Add(MudCertificateExtensions.MudSigner(request.MudSigner));
        });
    }

    /// <summary>A certificate for signing MUD files (keyUsage digitalSignature only), under the lab CA; the manufacturer's own is <see cref="OpenManufacturerAsync"/>.</summary>
    public IssuedCredential IssueMudSigner(string commonName, TimeSpan? validity = null) =>
        _ca.Issue(Subject(commonName, null), validity ?? TimeSpan.FromDays(365), r =>
            r.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true)));

    private static async Task<FileStream> LockAsync(string folder, CancellationToken ct, TimeSpan? lockTimeout)
    {
        var timeout = lockTimeout ?? DefaultLockTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            return await PkiLock.AcquireAsync(Path.Combine(folder, LockFile), deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"test PKI: {Path.Combine(folder, LockFile)} stayed locked for {timeout.TotalSeconds:0.#} s (another harness creating the CA?)");
        }
    }

    private static X500DistinguishedName LabCaSubject(DateTimeOffset created) => Subject($"IoTopia.Certify test lab CA {created:yyyy-MM-ddTHH:mm:ssZ}", null);

    private static X500DistinguishedName Subject(string commonName, string? serialNumber) => PkiNames.Subject(Organization, commonName, serialNumber);

    public void Dispose() => _ca.Dispose();
}
