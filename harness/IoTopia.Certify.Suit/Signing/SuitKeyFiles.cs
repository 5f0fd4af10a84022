using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Suit.Signing;

/// <summary>Reads the EC keys of SUIT signatures from PEM: a public key, a certificate, or a private key (its public half).</summary>
public static class SuitKeyFiles
{
    public static ECDsa ReadPublic(string path) => Read(path, requirePrivate: false);

    public static ECDsa ReadPrivate(string path) => Read(path, requirePrivate: true);

    public static ECDsa Read(string path, bool requirePrivate)
    {
        var text = File.ReadAllText(path);
        try
        {
            if (!requirePrivate && text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
                return X509Certificate2.CreateFromPem(text).GetECDsaPublicKey() ?? throw new SuitKeyException($"{path}: the certificate's key is not an EC key");
            if (requirePrivate && !text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
                throw new SuitKeyException($"{path}: holds no private key (PEM 'PRIVATE KEY' or 'EC PRIVATE KEY')");
            var key = ECDsa.Create();
            key.ImportFromPem(text);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new SuitKeyException($"{path}: not a PEM EC key ({e.Message})", e);
        }
    }
}
