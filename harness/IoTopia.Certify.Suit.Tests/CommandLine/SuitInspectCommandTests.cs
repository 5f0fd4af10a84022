using System.Text.Json;
using IoTopia.Certify.Suit.Encoding;
using IoTopia.Certify.Suit.Tests.Support;

namespace IoTopia.Certify.Suit.Tests.CommandLine;

/// <summary><c>certify suit inspect</c> as a manufacturer runs it: 0 valid, 1 bad signature, digest or format, 3 unreadable input.</summary>
[TestFixture]
public sealed class SuitInspectCommandTests
{
    private static IEnumerable<string> Signed() => SuitVectors.SignedNames;

    [TestCaseSource(nameof(Signed))]
    public async Task EverySignedExampleIsValidWithItsKey(string name)
    {
        var result = await CertifyProgram.RunAsync("suit", "inspect", SuitVectors.Require(name), "--key", SuitVectors.PublicKeyFile);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("VALID (well formed, digests match, signature verified)"));
        Assert.That(result.Stdout, Does.Contain("/ manifest-sequence-number / 2:"));
        Assert.That(result.Stdout, Does.Contain("signature 1: COSE_Sign1 ES256: verified"));
    }

    [Test]
    public async Task AFlippedSignatureByteExitsOne()
    {
        using var folder = new TempFolder();
        var broken = folder.Write("broken.suit", SuitEnvelopeMutations.BreakSignature(SuitVectors.Read("example1_1.signed.suit")));
        var result = await CertifyProgram.RunAsync("suit", "inspect", broken, "--key", SuitVectors.PublicKeyFile);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("INVALID: no signature verifies with the key"));
    }

    [Test]
    public async Task AMalformedEnvelopeExitsOneNamingTheByte()
    {
        using var folder = new TempFolder();
        var signed = SuitVectors.Read("example0_1.signed.suit");
        var truncated = folder.Write("truncated.suit", signed[..200]);
        var result = await CertifyProgram.RunAsync("suit", "inspect", truncated, "--key", SuitVectors.PublicKeyFile);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Match(@"INVALID: malformed: at byte \d+ \("));
    }

    [Test]
    public async Task WithoutAKeyItSaysTheSignatureWasNotChecked()
    {
        var result = await CertifyProgram.RunAsync("suit", "inspect", SuitVectors.Require("example2_2.signed.suit"));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("signature NOT checked (no --key)"));
        Assert.That(result.Stdout, Does.Contain("digest of text: sha256 matches"));
    }

    [Test]
    public async Task JsonSaysWhatWasChecked()
    {
        var result = await CertifyProgram.RunAsync("suit", "inspect", SuitVectors.Require("example2_0.severed.suit"), "--key", SuitVectors.PublicKeyFile, "--json");
        Assert.That(result.ExitCode, Is.EqualTo(1), "unsigned, and a key was given: " + result);
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(report.GetProperty("valid").GetBoolean(), Is.False);
            Assert.That(report.GetProperty("problems")[0].GetString(), Is.EqualTo("not signed: no authentication block"));
            Assert.That(report.GetProperty("manifest").GetProperty("sequenceNumber").GetString(), Is.EqualTo("2"));
            Assert.That(report.GetProperty("digests").EnumerateArray().Select(d => d.GetProperty("status").GetString()), Is.EqualTo(new[] { "match", "absent", "absent" }));
        });
    }

    [Test]
    public async Task UnreadableInputExitsThree()
    {
        using var folder = new TempFolder();
        var missing = await CertifyProgram.RunAsync("suit", "inspect", folder.Sub("none.suit"));
        var notAKey = await CertifyProgram.RunAsync("suit", "inspect", SuitVectors.Require("example0_1.signed.suit"), "--key", folder.Write("key.pem", "not a key"));
        var directory = await CertifyProgram.RunAsync("suit", "inspect", folder.Path);
        Assert.Multiple(() =>
        {
            Assert.That(missing.ExitCode, Is.EqualTo(3), missing.ToString());
            Assert.That(notAKey.ExitCode, Is.EqualTo(3), notAKey.ToString());
            Assert.That(notAKey.Stderr, Does.Contain("not a PEM EC key"));
            Assert.That(directory.ExitCode, Is.EqualTo(3), directory.ToString());
        });
    }
}
