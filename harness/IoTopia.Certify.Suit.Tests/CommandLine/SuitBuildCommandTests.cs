using System.Security.Cryptography;
using IoTopia.Certify.Suit.Decoding;
using IoTopia.Certify.Suit.Tests.Support;

namespace IoTopia.Certify.Suit.Tests.CommandLine;

/// <summary><c>certify suit build</c>: a parameters file and a key in, an envelope out that inspect and an independent check accept.</summary>
[TestFixture]
public sealed class SuitBuildCommandTests
{
    private const string Example0 = """
        {
          "sequence-number": 0,
          "vendor-id": "fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe",
          "class-id": "1492af14-2569-5e48-bf42-9b2d51f2ab45",
          "image-digest": "00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210",
          "image-size": 34768,
          "invoke": true
        }
        """;

    [Test]
    public async Task Example0BuiltFromItsParametersHasTheDraftManifestAndVerifies()
    {
        using var folder = new TempFolder();
        var parameters = folder.Write("example0.json", Example0);
        var output = folder.Sub("example0.suit");

        var build = await CertifyProgram.RunAsync("suit", "build", parameters, "--key", SuitVectors.PrivateKeyFile, "--out", output);
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        var inspect = await CertifyProgram.RunAsync("suit", "inspect", output, "--key", SuitVectors.PublicKeyFile);
        Assert.That(inspect.ExitCode, Is.Zero, inspect.ToString());
        var draft = SuitEnvelopeDecoder.Decode(SuitVectors.Read("example0_1.signed.suit")).ManifestWrapped.Bytes;
        Assert.That(SuitEnvelopeDecoder.Decode(File.ReadAllBytes(output)).ManifestWrapped.Bytes, Is.EqualTo(draft));
    }

    [Test]
    public async Task AnImageFileGivesDigestAndSizeAndTheResultVerifiesIndependently()
    {
        using var folder = new TempFolder();
        var image = RandomNumberGenerator.GetBytes(5000);
        folder.Write("firmware.bin", image);
        var parameters = folder.Write("update.json", """
            {"sequence-number": 7, "vendor-id": "fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe", "class-id": "1492af14-2569-5e48-bf42-9b2d51f2ab45",
             "image": "firmware.bin", "uri": "http://lab.example/firmware.bin"}
            """);
        var output = folder.Sub("update.suit");

        var build = await CertifyProgram.RunAsync("suit", "build", parameters, "--key", SuitVectors.PrivateKeyFile, "--out", output);
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        var (check, facts) = await IndependentCheck.RunAsync(output, SuitVectors.PublicKeyFile);
        Assert.That(check.ExitCode, Is.Zero, check.ToString());
        Assert.That(facts!.Value.GetProperty("sequence").GetInt32(), Is.EqualTo(7));
        var inspect = await CertifyProgram.RunAsync("suit", "inspect", output, "--json");
        Assert.That(inspect.Stdout, Does.Contain(Convert.ToHexStringLower(SHA256.HashData(image))));
        Assert.That(inspect.Stdout, Does.Contain("/ image-size / 14:5000"));
    }

    private static IEnumerable<TestCaseData> BadInputs()
    {
        yield return new TestCaseData("{\"sequence-number\": 1, \"colour\": 3}", true, "unknown key 'colour'").SetName("an unknown key");
        yield return new TestCaseData(Example0.Replace("\"invoke\": true", "\"invoke\": \"yes\""), true, "'invoke' must be true or false").SetName("a wrong type");
        yield return new TestCaseData(Example0.Replace("\"image-size\": 34768,", ""), true, "'image-size' is missing").SetName("a missing size");
        yield return new TestCaseData(Example0, false, "give --key PEM to sign, or --unsigned").SetName("neither key nor --unsigned");
        yield return new TestCaseData("[1, 2", true, "not JSON").SetName("not JSON");
    }

    [TestCaseSource(nameof(BadInputs))]
    public async Task BadInputExitsThree(string json, bool withKey, string says)
    {
        using var folder = new TempFolder();
        var args = new List<string> { "suit", "build", folder.Write("p.json", json), "--out", folder.Sub("x.suit") };
        if (withKey)
            args.AddRange(["--key", SuitVectors.PrivateKeyFile]);
        var result = await CertifyProgram.RunAsync(args, ExternalProgram.DefaultDeadline);
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain(says));
        Assert.That(File.Exists(folder.Sub("x.suit")), Is.False);
    }

    [Test]
    public async Task APublicKeyCannotSign()
    {
        using var folder = new TempFolder();
        var result = await CertifyProgram.RunAsync("suit", "build", folder.Write("p.json", Example0), "--key", SuitVectors.PublicKeyFile, "--out", folder.Sub("x.suit"));
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain("holds no private key"));
    }
}
