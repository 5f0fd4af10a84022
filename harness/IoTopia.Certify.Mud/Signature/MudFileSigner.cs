using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Mud.Signature;

/// <summary>Writes a MUD file's detached CMS signature (DER), as a manufacturer's <c>openssl cms -sign -binary</c> would.</summary>
public static class MudFileSigner
{
    /// <param name="signer">certificate with its private key</param>
    /// <param name="intermediates">certificates to carry besides the signer's (RFC 8520: intermediates SHOULD be included)</param>
    public static byte[] Sign(byte[] content, X509Certificate2 signer, IEnumerable<X509Certificate2>? intermediates = null)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            IncludeOption = X509IncludeOption.EndCertOnly,
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
        };
        foreach (var certificate in intermediates ?? [])
            cmsSigner.Certificates.Add(certificate);
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(DateTime.UtcNow));
        cms.ComputeSignature(cmsSigner, silent: true);
        return cms.Encode();
    }
}
