using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Rigs.Lab.Pki;

/// <summary>
/// The certificate extensions of RFC 8520 §10–11: id-pe-mud-url (1.3.6.1.5.5.7.1.25, MUDURLSyntax ::=
/// IA5String) and id-pe-mudsigner (1.3.6.1.5.5.7.1.30, MUDsignerSyntax ::= Name). Both non-critical.
/// Reading never throws on a malformed value: the caller gets null and a reason.
/// </summary>
public static class MudCertificateExtensions
{
    public const string MudUrlOid = "1.3.6.1.5.5.7.1.25";
    public const string MudSignerOid = "1.3.6.1.5.5.7.1.30";
    public const int MaxMudUrlLength = 255;

    public static X509Extension MudUrl(string url)
    {
        CheckMudUrl(url);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.IA5String, url);
        return new X509Extension(new Oid(MudUrlOid), writer.Encode(), critical: false);
    }

    public static X509Extension MudSigner(X500DistinguishedName signer) =>
        new(new Oid(MudSignerOid), signer.RawData, critical: false);

    /// <summary>The MUD URL in <paramref name="certificate"/>, or null (absent, or not one DER IA5String: <paramref name="problem"/> says).</summary>
    public static string? ReadMudUrl(X509Certificate2 certificate, out string? problem)
    {
        problem = null;
        var ext = Find(certificate, MudUrlOid);
        if (ext is null)
            return null;
        try
        {
            var reader = new AsnReader(ext.RawData, AsnEncodingRules.DER);
            var url = reader.ReadCharacterString(UniversalTagNumber.IA5String);
            reader.ThrowIfNotEmpty();
            return url;
        }
        catch (AsnContentException e)
        {
            problem = $"id-pe-mud-url is not a DER IA5String: {e.Message}";
            return null;
        }
    }

    /// <summary>The MUD signer's name in <paramref name="certificate"/>, or null.</summary>
    public static X500DistinguishedName? ReadMudSigner(X509Certificate2 certificate, out string? problem)
    {
        problem = null;
        var ext = Find(certificate, MudSignerOid);
        if (ext is null)
            return null;
        try
        {
            var reader = new AsnReader(ext.RawData, AsnEncodingRules.DER);
            reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            return new X500DistinguishedName(ext.RawData);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            problem = $"id-pe-mudsigner is not a DER Name: {e.Message}";
            return null;
        }
    }

    private static X509Extension? Find(X509Certificate2 certificate, string oid) =>
        certificate.Extensions.FirstOrDefault(e => e.Oid?.Value == oid);

    private static void CheckMudUrl(string url)
    {
        if (url.Length is 0 or > MaxMudUrlLength || url.Any(c => c is < '\x21' or > '\x7e'))
            throw new ArgumentException($"a MUD URL is 1–{MaxMudUrlLength} printable ASCII characters", nameof(url));
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"a MUD URL is an absolute https URL: '{url}'", nameof(url));
    }
}
