namespace IoTopia.Certify.Rigs.Lab.Pki;

/// <summary>Where an issued certificate and its private key were written.</summary>
public sealed record PemPaths(string CertificatePath, string KeyPath);
