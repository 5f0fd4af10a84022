using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Rigs.Lab.Pki;

/// <summary>
/// The test manufacturer's MUD trust anchor: a CA of its own beside the lab CA (so a MUD signature that
/// chains to the lab's TLS CA does not pass for the manufacturer's), which issues the manufacturer's MUD
/// signer. Its key stays in the PKI folder; <see cref="AnchorPath"/> is what a run copies.
/// </summary>
public sealed class ManufacturerAuthority : IDisposable
{
    public const string CertificateFile = "manufacturer-ca.pem";
    public const string KeyFile = "manufacturer-ca.key";
    public const string Organization = "IoTopia reference devices (test manufacturer, not a real CA)";

    private readonly CertificateAuthority _ca;

    internal ManufacturerAuthority(CertificateAuthority ca) => _ca = ca;

    /// <summary>The manufacturer's trust anchor (public part only).</summary>
    public X509Certificate2 Anchor => _ca.Certificate;

    public string AnchorPath => _ca.CertificatePath;

    public bool CreatedNow => _ca.CreatedNow;

    /// <summary>A MUD signer certificate (keyUsage digitalSignature only) chained to the manufacturer's anchor.</summary>
    public IssuedCredential IssueMudSigner(string commonName, TimeSpan? validity = null) =>
        _ca.Issue(PkiNames.Subject(Organization, commonName, null), validity ?? TimeSpan.FromDays(365), r =>
            r.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true)));

    internal static X500DistinguishedName AnchorSubject(DateTimeOffset created) =>
        PkiNames.Subject(Organization, $"IoTopia reference devices MUD anchor {created:yyyy-MM-ddTHH:mm:ssZ}", null);

    public void Dispose() => _ca.Dispose();
}
