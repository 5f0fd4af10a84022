using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Rigs.Lab.Pki;

/// <summary>Subjects of the test PKI's certificates: O, CN and, for devices, serialNumber.</summary>
internal static class PkiNames
{
    public static X500DistinguishedName Subject(string organization, string commonName, string? serialNumber)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddOrganizationName(organization);
        builder.AddCommonName(commonName);
        if (serialNumber is not null)
            builder.Add("2.5.4.5", serialNumber, IsPrintable(serialNumber) ? UniversalTagNumber.PrintableString : UniversalTagNumber.UTF8String);
        return builder.Build();
    }

    private static bool IsPrintable(string s) =>
        s.All(c => char.IsAsciiLetterOrDigit(c) || " '()+,-./:=?".Contains(c));
}
