using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Lab.Pki;

namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>
/// The certificate a client presented: its names, fingerprint, the MUD URL from id-pe-mud-url (the
/// MUD-URL-from-certificate channel), and whether it chains to the lab CA (no revocation, no downloads).
/// Device-made text is clipped and never trusted.
/// </summary>
public sealed record ClientCertificateInfo(
    string Subject,
    string Issuer,
    string Sha256,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string? MudUrl,
    string? MudUrlProblem,
    string? MudSigner,
    bool ChainsToLabCa)
{
    /// <summary>What can be read from <paramref name="certificate"/>; a certificate that cannot be read is recorded as such, never thrown.</summary>
    public static ClientCertificateInfo From(X509Certificate2 certificate, TestPki pki)
    {
        try
        {
            return Read(certificate, pki);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(certificate.RawData));
            return new ClientCertificateInfo("(unreadable)", "(unreadable)", sha256, default, default, null, $"certificate not readable: {e.Message}", null, false);
        }
    }

    private static ClientCertificateInfo Read(X509Certificate2 certificate, TestPki pki)
    {
        var url = MudCertificateExtensions.ReadMudUrl(certificate, out var problem);
        var signer = MudCertificateExtensions.ReadMudSigner(certificate, out _);
        using var chain = new X509Chain { ChainPolicy = pki.CreateChainPolicy() };
        bool trusted;
        try
        {
            trusted = chain.Build(certificate);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            trusted = false;
        }
        return new ClientCertificateInfo(
            DeviceText.Clip(certificate.Subject, 1024),
            DeviceText.Clip(certificate.Issuer, 1024),
            certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256).ToLowerInvariant(),
            new DateTimeOffset(certificate.NotBefore),
            new DateTimeOffset(certificate.NotAfter),
            url is null ? null : DeviceText.Clip(url, 1024),
            problem,
            signer is null ? null : DeviceText.Clip(signer.Name, 1024),
            trusted);
    }
}
