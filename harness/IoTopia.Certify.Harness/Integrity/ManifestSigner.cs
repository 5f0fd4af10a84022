using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Files;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Integrity;

/// <summary>Writes and checks the lab's detached CMS signature over manifest.json (manifest.json.p7s).</summary>
public static class ManifestSigner
{
    /// <param name="keyFile">a PEM file holding the lab's certificate and its private key, or a PKCS#12 file without password</param>
    public static X509Certificate2 Sign(RunFolder folder, string keyFile) => Sign(folder, LoadSigningCertificate(keyFile));

    /// <param name="certificate">the lab's certificate with its private key (<see cref="Load"/>)</param>
    public static X509Certificate2 Sign(RunFolder folder, X509Certificate2 certificate)
    {
        var content = new ContentInfo(File.ReadAllBytes(folder.Manifest));
        var cms = new SignedCms(content, detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            IncludeOption = X509IncludeOption.EndCertOnly,
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(DateTime.UtcNow));
        cms.ComputeSignature(signer, silent: true);
        AtomicFile.Write(folder.Signature, cms.Encode());
        return certificate;
    }

    /// <summary>
    /// Checks the signature over the manifest's exact bytes and the certificate that made it (its own
    /// signature; its chain to <paramref name="anchors"/> when given, as of the signing time).
    /// </summary>
    /// <exception cref="CryptographicException">the signature or its signer does not hold; the message says why</exception>
    public static SignatureCheck Verify(RunFolder folder, IReadOnlyList<X509Certificate2> anchors)
    {
        var cms = new SignedCms(new ContentInfo(UntrustedFile.ReadAllBytes(folder.Manifest, ManifestVerifier.MaxManifestBytes)), detached: true);
        cms.Decode(UntrustedFile.ReadAllBytes(folder.Signature, MaxSignatureBytes));
        if (cms.SignerInfos.Count != 1)
            throw new CryptographicException($"expected one signer, found {cms.SignerInfos.Count}");
        var info = cms.SignerInfos[0];
        cms.CheckSignature(verifySignatureOnly: true);
        var certificate = info.Certificate ?? throw new CryptographicException("the signature carries no signer certificate");
        var signedAt = info.SignedAttributes.OfType<CryptographicAttributeObject>()
            .SelectMany(a => a.Values.OfType<Pkcs9SigningTime>()).Select(t => new DateTimeOffset(t.SigningTime, TimeSpan.Zero))
            .FirstOrDefault(DateTimeOffset.UtcNow);
        if (SignerCertificateCheck.Problem(certificate, anchors, signedAt) is { } problem)
            throw new CryptographicException(problem);
        var anchor = anchors.Count == 0 ? null : ChainedAnchor(certificate, anchors);
        return new SignatureCheck(certificate.Subject, Thumbprint(certificate), anchor);
    }

    public const long MaxSignatureBytes = 1024 * 1024;

    public static string Thumbprint(X509Certificate2 certificate) => Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

    /// <summary>Reads the signing certificate from a key file, so the run can record who will sign before the manifest is written.</summary>
    public static X509Certificate2 Load(string keyFile) => LoadSigningCertificate(keyFile);

    private static string ChainedAnchor(X509Certificate2 signer, IReadOnlyList<X509Certificate2> anchors) =>
        anchors.FirstOrDefault(a => a.SubjectName.RawData.AsSpan().SequenceEqual(signer.IssuerName.RawData))?.Subject
        ?? anchors.FirstOrDefault(a => a.RawData.AsSpan().SequenceEqual(signer.RawData))?.Subject
        ?? anchors[0].Subject;

    private static X509Certificate2 LoadSigningCertificate(string keyFile)
    {
        if (!File.Exists(keyFile))
            throw new InputException($"{keyFile}: no such key file");
        try
        {
            var certificate = keyFile.EndsWith(".p12", StringComparison.OrdinalIgnoreCase) || keyFile.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase)
                ? X509CertificateLoader.LoadPkcs12FromFile(keyFile, password: null)
                : X509Certificate2.CreateFromPemFile(keyFile, keyFile);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InputException($"{keyFile}: holds a certificate but no private key");
        }
        catch (CryptographicException e)
        {
            throw new InputException($"{keyFile}: not a PEM file with a certificate and its private key, nor a PKCS#12 file ({e.Message})");
        }
    }
}
