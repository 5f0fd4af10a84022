using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Rigs.Lab.Pki;

/// <summary>
/// One ECDSA P-256 CA kept as <c>&lt;name&gt;.pem</c> and <c>&lt;name&gt;.key</c> in the PKI folder: loaded when
/// present and valid for more than 30 days, else made anew. The caller holds the PKI lock. Issues
/// end-entity certificates (basicConstraints CA:false, SKI, AKI) no longer valid than itself.
/// </summary>
internal sealed class CertificateAuthority : IDisposable
{
    private readonly ECDsa _key;
    private readonly Lock _signing = new();

    private CertificateAuthority(string certificatePath, X509Certificate2 certificate, ECDsa key, bool createdNow)
    {
        CertificatePath = certificatePath;
        Certificate = certificate;
        _key = key;
        CreatedNow = createdNow;
    }

    public string CertificatePath { get; }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 Certificate { get; }

    public bool CreatedNow { get; }

    /// <param name="subject">the subject of a CA made now, given the creation time</param>
    public static CertificateAuthority LoadOrCreate(string folder, string certificateFile, string keyFile, Func<DateTimeOffset, X500DistinguishedName> subject)
    {
        var certPath = Path.Combine(folder, certificateFile);
        var keyPath = Path.Combine(folder, keyFile);
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var (ca, key) = Read(certPath, keyPath);
            if (!ca.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
                throw new InvalidDataException($"test PKI: {keyPath} is not the key of {certPath}; delete {folder} to make a new CA");
            if (new DateTimeOffset(ca.NotAfter) > DateTimeOffset.UtcNow.AddDays(30))
            {
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(keyPath, SecureFiles.Private);
                return new CertificateAuthority(certPath, ca, key, createdNow: false);
            }
            ca.Dispose();
            key.Dispose();
        }
        return Create(certPath, keyPath, subject(DateTimeOffset.UtcNow));
    }

    /// <summary>Chain building against this CA only: custom root trust, no revocation checks, no downloads.</summary>
    public X509ChainPolicy CreateChainPolicy()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.Add(Certificate);
        return policy;
    }

    public IssuedCredential Issue(X500DistinguishedName subject, TimeSpan validity, Action<CertificateRequest> extensions)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        extensions(request);
        var now = DateTimeOffset.UtcNow;
        var caEnd = new DateTimeOffset(Certificate.NotAfter);
        var notAfter = now + validity < caEnd ? now + validity : caEnd;
        X509Certificate2 issued;
        lock (_signing)
            issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), now.AddDays(-1), notAfter, NewSerial());
        using (issued)
        using (var withKey = issued.CopyWithPrivateKey(key))
        {
            // A PEM- or ephemeral-key certificate is not usable by every TLS stack; a PKCS#12 round trip is.
            var usable = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
            return new IssuedCredential(usable, key.ExportPkcs8PrivateKeyPem());
        }
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

    private static CertificateAuthority Create(string certPath, string keyPath, X500DistinguishedName subject)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        using var selfSigned = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        // The key first: a certificate on disk always has its key beside it.
        SecureFiles.Write(keyPath, key.ExportPkcs8PrivateKeyPem(), SecureFiles.Private);
        SecureFiles.Write(certPath, selfSigned.ExportCertificatePem(), SecureFiles.Public);
        return new CertificateAuthority(certPath, X509CertificateLoader.LoadCertificate(selfSigned.RawData), key, createdNow: true);
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
