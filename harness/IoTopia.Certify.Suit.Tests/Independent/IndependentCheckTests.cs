using System.Security.Cryptography;
using IoTopia.Certify.Suit.Encoding;
using IoTopia.Certify.Suit.Tests.Codec;
using IoTopia.Certify.Suit.Tests.Support;

namespace IoTopia.Certify.Suit.Tests.Independent;

/// <summary>What we build, judged by code that is not ours: python3-cbor2 decodes it, python3-cryptography verifies the COSE signature.</summary>
[TestFixture]
public sealed class IndependentCheckTests
{
    [Test]
    public async Task AManifestWeBuildDecodesAndVerifiesIndependently()
    {
        using var folder = new TempFolder();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = EncoderTests.Example0 with { SequenceNumber = 42, Uri = "http://lab.example/update.bin", Component = [[0x00], [0x01, 0x02]] };
        var envelope = folder.Write("built.suit", SuitEnvelopeBuilder.Build(SuitManifestEncoder.Encode(parameters), key));
        var pem = folder.Write("pub.pem", key.ExportSubjectPublicKeyInfoPem());

        var (result, facts) = await IndependentCheck.RunAsync(envelope, pem);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(facts!.Value.GetProperty("sequence").GetInt32(), Is.EqualTo(42));
            Assert.That(facts.Value.GetProperty("algorithm").GetInt32(), Is.EqualTo(-7));
            Assert.That(facts.Value.GetProperty("components")[0].EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "00", "0102" }));
            Assert.That(facts.Value.GetProperty("members").EnumerateArray().Select(m => m.GetInt32()), Is.EqualTo(new[] { 1, 2, 3, 7, 9, 20 }));
        });
    }

    [Test]
    public async Task TheIndependentCheckCanFail()
    {
        using var folder = new TempFolder();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var envelope = SuitEnvelopeBuilder.Build(SuitManifestEncoder.Encode(EncoderTests.Example0), key);
        var pem = folder.Write("pub.pem", key.ExportSubjectPublicKeyInfoPem());
        var otherPem = folder.Write("other.pem", other.ExportSubjectPublicKeyInfoPem());

        var (wrongKey, _) = await IndependentCheck.RunAsync(folder.Write("a.suit", envelope), otherPem);
        var (broken, _) = await IndependentCheck.RunAsync(folder.Write("b.suit", SuitEnvelopeMutations.BreakSignature(envelope)), pem);

        Assert.That(wrongKey.ExitCode, Is.EqualTo(1), wrongKey.ToString());
        Assert.That(broken.ExitCode, Is.EqualTo(1), broken.ToString());
    }

    [Test]
    public async Task TheDraftExampleVerifiesIndependentlyToo()
    {
        var (result, facts) = await IndependentCheck.RunAsync(SuitVectors.Require("example0_1.signed.suit"), SuitVectors.PublicKeyFile);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(facts!.Value.GetProperty("digest").GetString(), Is.EqualTo("6658ea560262696dd1f13b782239a064da7c6c5cbaf52fded428a6fc83c7e5af"));
    }
}
