using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Harness.Integrity;

/// <summary>
/// Checks the certificate a signature names, not only the signature value: chained to the lab's trust
/// anchors when they are given (revocation and downloads off), and, for a self-issued certificate,
/// its own signature over its contents — so an edited name or key is refused, as openssl cms does.
/// </summary>
public static class SignerCertificateCheck
{
    /// <returns>null when the certificate holds; otherwise why not</returns>
    public static string? Problem(X509Certificate2 signer, IReadOnlyList<X509Certificate2> anchors, DateTimeOffset at)
    {
        if (SelfIssued(signer) && !SelfSignatureHolds(signer))
            return "the signer certificate's own signature does not match its contents (edited certificate)";
        if (anchors.Count == 0)
            return null;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        if (chain.Build(signer))
            return null;
        var reasons = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
        return $"the signer does not chain to the trust anchor ({string.Join("; ", reasons)})";
    }

    private static bool SelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    private static bool SelfSignatureHolds(X509Certificate2 certificate)
    {
        try
        {
            var reader = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence();
            var tbs = reader.ReadEncodedValue().ToArray();
            var algorithm = reader.ReadSequence().ReadObjectIdentifier();
            var signature = reader.ReadBitString(out _);
            return algorithm switch
            {
                "1.2.840.10045.4.3.2" => VerifyEcdsa(certificate, tbs, signature, HashAlgorithmName.SHA256),
                "1.2.840.10045.4.3.3" => VerifyEcdsa(certificate, tbs, signature, HashAlgorithmName.SHA384),
                "1.2.840.10045.4.3.4" => VerifyEcdsa(certificate, tbs, signature, HashAlgorithmName.SHA512),
                "1.2.840.113549.1.1.11" => VerifyRsa(certificate, tbs, signature, HashAlgorithmName.SHA256),
                "1.2.840.113549.1.1.12" => VerifyRsa(certificate, tbs, signature, HashAlgorithmName.SHA384),
                "1.2.840.113549.1.1.13" => VerifyRsa(certificate, tbs, signature, HashAlgorithmName.SHA512),
                _ => false, // an algorithm we cannot check is not taken on trust
            };
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            return false;
        }
    }

    private static bool VerifyEcdsa(X509Certificate2 certificate, byte[] tbs, byte[] signature, HashAlgorithmName hash)
    {
        using var key = certificate.GetECDsaPublicKey();
        return key is not null && key.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static bool VerifyRsa(X509Certificate2 certificate, byte[] tbs, byte[] signature, HashAlgorithmName hash)
    {
        using var key = certificate.GetRSAPublicKey();
        return key is not null && key.VerifyData(tbs, signature, hash, RSASignaturePadding.Pkcs1);
    }
}
