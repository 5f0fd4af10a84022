using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Suit.Signing;

/// <summary>
/// The EC keys of SUIT signatures from PEM text: a public key, a certificate, or a private key (for verifying, its public half).
/// The caller reads the file (bounded, regular files only); <paramref name="source"/> names it in errors.
/// </summary>
public static class SuitKeyFiles
{
    public static ECDsa PublicFromPem(string pem, string source) => FromPem(pem, source, requirePrivate: false);

    public static ECDsa PrivateFromPem(string pem, string source) => FromPem(pem, source, requirePrivate: true);

    private static ECDsa FromPem(string pem, string source, bool requirePrivate)
    {
        try
        {
            if (!requirePrivate && pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
                return certificate.GetECDsaPublicKey() ?? throw new SuitKeyException($"{source}: the certificate's key is not an EC key");
            }
            if (requirePrivate && !pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
                throw new SuitKeyException($"{source}: holds no private key (PEM 'PRIVATE KEY' or 'EC PRIVATE KEY')");
            var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(pem);
            }
            catch
            {
                key.Dispose();
                throw;
            }
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new SuitKeyException($"{source}: not a PEM EC key ({e.Message})", e);
        }
    }
}
