using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Mud.Signature;

/// <summary>RFC 8520's certificate extensions: id-pe-mudsigner (who may sign the device's MUD file) and id-pe-mud-url.</summary>
public static class MudSignerExtension
{
    public const string MudSignerOid = "1.3.6.1.5.5.7.1.30";
    public const string MudUrlOid = "1.3.6.1.5.5.7.1.25";

    /// <summary>The Name in the certificate's id-pe-mudsigner extension; null when absent. Throws <see cref="CryptographicException"/> when it is not a DER Name.</summary>
    public static X500DistinguishedName? Read(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[MudSignerOid];
        if (extension is null)
            return null;
        var name = new X500DistinguishedName(extension.RawData);
        // X500DistinguishedName accepts some non-Name bytes lazily; formatting forces the decode.
        _ = name.Format(false);
        return name;
    }

    /// <summary>An id-pe-mudsigner extension naming <paramref name="signer"/>, for building test and lab certificates.</summary>
    public static X509Extension Create(X500DistinguishedName signer) => new(MudSignerOid, signer.RawData, critical: false);

    public static bool SameName(X500DistinguishedName a, X500DistinguishedName b) =>
        a.RawData.AsSpan().SequenceEqual(b.RawData) || string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
}
