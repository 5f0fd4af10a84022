using System.Security.Cryptography;

namespace IoTopia.Certify.Harness.Integrity;

/// <summary>The SHA-256 of a file, lower-case hex, as every record of the project writes it.</summary>
public static class FileHash
{
    public static (string Sha256, long Size) Of(string path)
    {
        using var stream = File.OpenRead(path);
        return (Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }

    public static string Sha256(string path) => Of(path).Sha256;

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
