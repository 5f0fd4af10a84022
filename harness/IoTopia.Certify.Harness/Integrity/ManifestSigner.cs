using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Integrity;

/// <summary>Writes and checks the lab's detached CMS signature over manifest.json (manifest.json.p7s).</summary>
public static class ManifestSigner
{
    /// <param name="keyFile">a PEM file holding the lab's certificate and its private key, or a PKCS#12 file without password</param>
    public static X509Certificate2 Sign(RunFolder folder, string keyFile)
    {
        var certificate = LoadSigningCertificate(keyFile);
        var content = new ContentInfo(File.ReadAllBytes(folder.Manifest));
        var cms = new SignedCms(content, detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            IncludeOption = X509IncludeOption.EndCertOnly,
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(DateTime.UtcNow));
        cms.ComputeSignature(signer, silent: true);
        File.WriteAllBytes(folder.Signature, cms.Encode());
        return certificate;
    }

    /// <summary>Checks the signature over the manifest's exact bytes; returns the signer, or throws with the reason.</summary>
    public static X509Certificate2 Verify(RunFolder folder)
    {
        var cms = new SignedCms(new ContentInfo(File.ReadAllBytes(folder.Manifest)), detached: true);
        cms.Decode(File.ReadAllBytes(folder.Signature));
        if (cms.SignerInfos.Count != 1)
            throw new CryptographicException($"expected one signer, found {cms.SignerInfos.Count}");
        cms.CheckSignature(verifySignatureOnly: true);
        return cms.SignerInfos[0].Certificate ?? throw new CryptographicException("the signature carries no signer certificate");
    }

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
