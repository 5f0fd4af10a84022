using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Rigs.Lab.Pki;

/// <summary>A certificate the test PKI issued, with its private key (usable for TLS as is), and a way to write both as PEM.</summary>
public sealed class IssuedCredential : IDisposable
{
    private readonly string _keyPem;

    internal IssuedCredential(X509Certificate2 certificate, string keyPem)
    {
        Certificate = certificate;
        _keyPem = keyPem;
    }

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>
    /// Writes <c>&lt;name&gt;.pem</c> (the certificate) and <c>&lt;name&gt;.key</c> (PKCS#8, mode 0600) into
    /// <paramref name="directory"/> — for the virtual rig, the run's <c>rig/</c> folder.
    /// </summary>
    public PemPaths WritePem(string directory, string name)
    {
        SecureFiles.CheckName(name);
        Directory.CreateDirectory(directory);
        var paths = new PemPaths(Path.Combine(directory, name + ".pem"), Path.Combine(directory, name + ".key"));
        SecureFiles.Write(paths.KeyPath, _keyPem, SecureFiles.Private);
        SecureFiles.Write(paths.CertificatePath, CertificatePem, SecureFiles.Public);
        return paths;
    }

    public void Dispose() => Certificate.Dispose();
}
