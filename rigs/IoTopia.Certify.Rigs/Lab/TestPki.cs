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
/// certificates. Not a real CA: never trust it outside the lab.
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

    private readonly ECDsa _caKey;
    private readonly Lock _signing = new();

    private TestPki(string folder, X509Certificate2 ca, ECDsa caKey, bool createdNow)
    {
        Folder = folder;
        CaCertificate = ca;
        _caKey = caKey;
        CreatedNow = createdNow;
    }

    public string Folder { get; }
    public string CaCertificatePath => Path.Combine(Folder, CaCertificateFile);

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>True when this call made the CA (none was there, or it was expiring).</summary>
    public bool CreatedNow { get; }

    /// <summary>
    /// Opens the CA in <paramref name="folder"/>, creating it if there is none (or it expires within 30
    /// days), under an exclusive lock; waits for the lock at most <paramref name="lockTimeout"/>.
    /// </summary>
    public static async Task<TestPki> OpenAsync(string folder, CancellationToken ct, TimeSpan? lockTimeout = null)
    {
        folder = Path.GetFullPath(folder);
        SecureFiles.CreatePrivateFolder(folder);
        var timeout = lockTimeout ?? DefaultLockTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        FileStream held;
        try
        {
            held = await PkiLock.AcquireAsync(Path.Combine(folder, LockFile), deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"test PKI: {Path.Combine(folder, LockFile)} stayed locked for {timeout.TotalSeconds:0.#} s (another harness creating the CA?)");
        }
        using (held)
            return LoadOrCreate(folder);
    }

    /// <summary>The files a run copies into its inputs: the CA certificate. Never a private key.</summary>
    public IReadOnlyList<string> PublicFiles() => [CaCertificatePath];

    /// <summary>Chain building against this CA only: custom root trust, no revocation checks, no downloads.</summary>
    public X509ChainPolicy CreateChainPolicy()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.Add(CaCertificate);
        return policy;
    }

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
        return Issue(subject, validity ?? TimeSpan.FromDays(90), request =>
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
        return Issue(subject, request.Validity, r =>
        {
            r.CertificateExtensions.Add(san.Build(critical: false));
            r.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            r.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], critical: false));
            r.CertificateExtensions.Add(urlExtension);
            if (request.MudSigner is not null)
                r.CertificateExtensions.Add(MudCertificateExtensions.MudSigner(request.MudSigner));
        });
    }

    /// <summary>A certificate for signing MUD files (keyUsage digitalSignature only).</summary>
    public IssuedCredential IssueMudSigner(string commonName, TimeSpan? validity = null) =>
        Issue(Subject(commonName, null), validity ?? TimeSpan.FromDays(365), r =>
            r.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true)));

    private IssuedCredential Issue(X500DistinguishedName subject, TimeSpan validity, Action<CertificateRequest> extensions)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(CaCertificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        extensions(request);
        var now = DateTimeOffset.UtcNow;
        var caEnd = new DateTimeOffset(CaCertificate.NotAfter);
        var notAfter = now + validity < caEnd ? now + validity : caEnd;
        X509Certificate2 issued;
        lock (_signing)
            issued = request.Create(CaCertificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey), now.AddDays(-1), notAfter, NewSerial());
        using (issued)
        using (var withKey = issued.CopyWithPrivateKey(key))
        {
            // A PEM- or ephemeral-key certificate is not usable by every TLS stack; a PKCS#12 round trip is.
            var usable = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
            return new IssuedCredential(usable, key.ExportPkcs8PrivateKeyPem());
        }
    }

    private static TestPki LoadOrCreate(string folder)
    {
        var certPath = Path.Combine(folder, CaCertificateFile);
        var keyPath = Path.Combine(folder, CaKeyFile);
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var (ca, key) = Read(certPath, keyPath);
            if (!ca.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
                throw new InvalidDataException($"test PKI: {keyPath} is not the key of {certPath}; delete {folder} to make a new CA");
            if (new DateTimeOffset(ca.NotAfter) > DateTimeOffset.UtcNow.AddDays(30))
            {
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(keyPath, SecureFiles.Private);
                return new TestPki(folder, ca, key, createdNow: false);
            }
            ca.Dispose();
            key.Dispose();
        }
        return Create(folder, certPath, keyPath);
    }

    private static (X509Certificate2 Ca, ECDsa Key) Read(string certPath, string keyPath)
    {
        X509Certificate2? ca = null;
        var key = ECDsa.Create();
        try
        {
            ca = X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
            key.ImportFromPem(File.ReadAllText(keyPath));
            return (ca, key);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            ca?.Dispose();
            key.Dispose();
            throw new InvalidDataException($"test PKI: cannot read {certPath} and {keyPath} ({e.Message}); delete {Path.GetDirectoryName(certPath)} to make a new CA", e);
        }
    }

    private static TestPki Create(string folder, string certPath, string keyPath)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        var request = new CertificateRequest(Subject($"IoTopia.Certify test lab CA {now:yyyy-MM-ddTHH:mm:ssZ}", null), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        using var selfSigned = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        // The key first: a ca.pem on disk always has its key beside it.
        SecureFiles.Write(keyPath, key.ExportPkcs8PrivateKeyPem(), SecureFiles.Private);
        SecureFiles.Write(certPath, selfSigned.ExportCertificatePem(), SecureFiles.Public);
        return new TestPki(folder, X509CertificateLoader.LoadCertificate(selfSigned.RawData), key, createdNow: true);
    }

    private static X500DistinguishedName Subject(string commonName, string? serialNumber)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddOrganizationName(Organization);
        builder.AddCommonName(commonName);
        if (serialNumber is not null)
            builder.Add("2.5.4.5", serialNumber, IsPrintable(serialNumber) ? System.Formats.Asn1.UniversalTagNumber.PrintableString : System.Formats.Asn1.UniversalTagNumber.UTF8String);
        return builder.Build();
    }

    private static bool IsPrintable(string s) =>
        s.All(c => char.IsAsciiLetterOrDigit(c) || " '()+,-./:=?".Contains(c));

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    public void Dispose()
    {
        _caKey.Dispose();
        CaCertificate.Dispose();
    }
}
