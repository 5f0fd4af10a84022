using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Mud.Signature;

/// <summary>Loads certificates (PEM with one or more, or one DER) given on the command line.</summary>
public static class TrustAnchorLoader
{
    public static X509Certificate2Collection Load(IEnumerable<string> paths)
    {
        var all = new X509Certificate2Collection();
        foreach (var path in paths)
            all.AddRange(LoadFile(path));
        return all;
    }

    public static X509Certificate2Collection LoadFile(string path)
    {
        if (!File.Exists(path))
            throw new MudInputException($"{path}: no such certificate file");
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
            if (certificates.Count == 0)
                certificates.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new MudInputException($"{path}: not a PEM or DER certificate file ({e.Message})", e);
        }
        return certificates;
    }

    /// <summary>Certificates from bytes already read (PEM with one or more, or one DER); <paramref name="name"/> names them in errors.</summary>
    public static X509Certificate2Collection LoadBytes(byte[] content, string name)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(System.Text.Encoding.UTF8.GetString(content));
            if (certificates.Count == 0)
                certificates.Add(X509CertificateLoader.LoadCertificate(content));
        }
        catch (CryptographicException e)
        {
            throw new MudInputException($"{name}: not a PEM or DER certificate file ({e.Message})", e);
        }
        return certificates;
    }

    public static X509Certificate2 LoadOne(string path)
    {
        var certificates = LoadFile(path);
        return certificates.Count == 1 ? certificates[0] : throw new MudInputException($"{path}: expected one certificate, found {certificates.Count}");
    }
}
