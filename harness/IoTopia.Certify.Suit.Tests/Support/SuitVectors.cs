using System.Security.Cryptography;

namespace IoTopia.Certify.Suit.Tests.Support;

/// <summary>
/// The IETF draft's signed examples in ../shared/vectors/suit beside the repository (read there, never copied in);
/// a test needing them is ignored, saying why, without them.
/// </summary>
public static class SuitVectors
{
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(RepoRoot.Path, "..", "shared", "vectors", "suit"));

    public static string PublicKeyFile => Require("ietf-example-key-pub.pem");

    public static string PrivateKeyFile => Require("ietf-example-key-private.pem");

    /// <summary>Signed: example 2's envelope with its severable elements (923 B) and without them (333 B).</summary>
    public static string[] SignedNames { get; } = ["example0_1.signed.suit", "example1_1.signed.suit", "example2_1.env.suit", "example2_2.signed.suit"];

    /// <summary>The manifest digest only, no COSE block (example 2's also without its severable elements).</summary>
    public static string[] UnsignedNames { get; } = ["example0_0.env.suit", "example1_0.env.suit", "example2_0.severed.suit"];

    public static string Require(string name)
    {
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path))
            Assert.Ignore($"the SUIT vectors are not here: {path} is missing (they live in ../shared/vectors/suit beside the repository and are never copied into it)");
        return path;
    }

    public static byte[] Read(string name) => File.ReadAllBytes(Require(name));

    public static ECDsa PublicKey()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(PublicKeyFile));
        return key;
    }

    public static ECDsa PrivateKey()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(PrivateKeyFile));
        return key;
    }
}
