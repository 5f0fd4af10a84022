using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IoTopia.Certify.Harness.Secrets;

/// <summary>
/// What a run keeps of a secret: a salted, slow digest in the PHC string form
/// <c>$pbkdf2-sha256$i=100000$&lt;salt&gt;$&lt;hash&gt;</c> (base64 without padding). It tells whether a secret changed
/// when the salt is reused, and costs a guesser 100,000 SHA-256 rounds per guess and per salt — a plain SHA-256 of a
/// console password would be a password verifier anyone given the run folder could test guesses against.
/// </summary>
public static class SecretDigest
{
    public const int Iterations = 100_000;
    public const int SaltBytes = 16;
    private const string Prefix = "$pbkdf2-sha256$i=";

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public static string Create(string secret, byte[] salt, int iterations = Iterations)
    {
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"{Prefix}{iterations.ToString(CultureInfo.InvariantCulture)}${Base64(salt)}${Base64(hash)}";
    }

    /// <summary>The salt and iterations of a digest, to compute another secret's digest the same way.</summary>
    public static bool TryParse(string digest, out byte[] salt, out int iterations)
    {
        salt = [];
        iterations = 0;
        if (!digest.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var parts = digest[Prefix.Length..].Split('$');
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations is < 1 or > 10_000_000)
            return false;
        try
        {
            salt = Convert.FromBase64String(Pad(parts[1]));
            return salt.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static string Pad(string b64) => b64 + new string('=', (4 - b64.Length % 4) % 4);
}
