using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Mud.Signature;

namespace IoTopia.Certify.Mud.Tests.Support;

/// <summary>Certificates made in the test: a manufacturer CA and MUD signers under it (ECDSA P-256).</summary>
public static class TestPki
{
    public static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = new(2045, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static X509Certificate2 CreateCa(string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore ?? Start, notAfter ?? End);
    }

    /// <param name="keyUsage">null leaves the KeyUsage extension out</param>
    public static X509Certificate2 CreateSigner(
        X509Certificate2 ca, string name, X509KeyUsageFlags? keyUsage = X509KeyUsageFlags.DigitalSignature,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, IEnumerable<X509Extension>? extensions = null, bool isCa = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        if (keyUsage is { } usage)
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        foreach (var extension in extensions ?? [])
            request.CertificateExtensions.Add(extension);
        using var signed = request.Create(ca, notBefore ?? Start.AddDays(1), notAfter ?? End.AddDays(-1), RandomNumberGenerator.GetBytes(12));
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>A device certificate (IDevID) that names the allowed MUD signer.</summary>
    public static X509Certificate2 CreateDevice(X509Certificate2 ca, X500DistinguishedName mudSigner) =>
        CreateSigner(ca, "CN=glow40-0001, O=Example Bulbs", extensions: [MudSignerExtension.Create(mudSigner)]);

    public static X509Certificate2Collection Anchors(params X509Certificate2[] anchors) => new(anchors.Select(a => X509CertificateLoader.LoadCertificate(a.RawData)).ToArray());
}
