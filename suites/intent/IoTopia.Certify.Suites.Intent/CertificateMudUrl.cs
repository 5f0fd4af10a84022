using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Lab.Pki;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>The MUD URL a certificate carries in id-pe-mud-url (RFC 8520 §10), as an emitted URL; null when it has none.</summary>
internal static class CertificateMudUrl
{
    public static EmittedMudUrl? From(X509Certificate2 certificate, string via, DateTimeOffset time)
    {
        var url = MudCertificateExtensions.ReadMudUrl(certificate, out var problem);
        if (url is null && problem is null)
            return null;
        return new EmittedMudUrl
        {
            Channel = EmittedMudUrl.Certificate,
            Via = $"{via} ({DeviceText.Clip(certificate.Subject, 200)}, sha256 {certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)[..16].ToLowerInvariant()}…)",
            Url = url is null ? "" : DeviceText.Clip(url, 1024),
            Time = time,
            Problems = problem is not null ? [problem] : MudUrlRules.Check(url!, null),
        };
    }
}
