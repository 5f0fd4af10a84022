using System.Diagnostics;
using IoTopia.Certify.Suit.Decoding;
using IoTopia.Certify.Suit.Encoding;
using IoTopia.Certify.Suit.Inspection;
using IoTopia.Certify.Suit.Tests.Support;

namespace IoTopia.Certify.Suit.Tests.Codec;

/// <summary>Malformed and hostile envelopes: a SuitFormatException naming the element and byte offset, quickly; nothing else.</summary>
[TestFixture]
public sealed class HostileEnvelopeTests
{
    private static IEnumerable<TestCaseData> Hostile()
    {
        yield return new TestCaseData(Array.Empty<byte>(), 0L, "empty").SetName("empty file");
        yield return new TestCaseData(new byte[] { 0xd8, 0x6b, 0xa2, 0x02 }, 2L, "CBOR").SetName("truncated envelope");
        yield return new TestCaseData(Enumerable.Repeat((byte)0x81, 100_000).Append((byte)0x00).ToArray(), 33L, "deeper").SetName("arrays nested 100,000 deep");
        yield return new TestCaseData(new byte[] { 0x5b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 0L, "CBOR").SetName("a byte string claiming 2^63 bytes");
        yield return new TestCaseData(new byte[] { 0x9b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 0L, "CBOR").SetName("an array claiming 2^63 items");
        yield return new TestCaseData(new byte[] { 0xd8, 0x6a, 0xa0 }, 0L, "tag 106").SetName("another tag");
        yield return new TestCaseData(new byte[] { 0xd8, 0x6b, 0xa0 }, 2L, "authentication-wrapper").SetName("no authentication wrapper");
        yield return new TestCaseData(new byte[] { 0xd8, 0x6b, 0xa1, 0x18, 0x63, 0x40 }, 3L, "unknown envelope element 99").SetName("an unknown envelope element");
        yield return new TestCaseData(new byte[] { 0xd8, 0x6b, 0xa2, 0x02, 0x40, 0x02, 0x40 }, 5L, "CBOR").SetName("a duplicate key");
    }

    [TestCaseSource(nameof(Hostile))]
    public void IsRefusedWithItsOffset(byte[] envelope, long offset, string says)
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<SuitFormatException>(() => SuitEnvelopeDecoder.Decode(envelope))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain(says));
            Assert.That(error.Offset, Is.EqualTo(offset), error.Message);
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
    }

    [Test]
    public void AnUnknownCommandIsRefusedNotSkipped()
    {
        // example 0 with condition-image-match (3) in validate replaced by condition-version (28, update-management draft).
        var manifest = SuitManifestEncoder.Encode(EncoderTests.Example0);
        var validate = Convert.FromHexString("074382030f");
        var at = IndexOf(manifest, validate);
        Assert.That(at, Is.GreaterThan(0));
        var patched = manifest[..at].Concat(Convert.FromHexString("074482181c0f")).Concat(manifest[(at + validate.Length)..]).ToArray();
        var envelope = SuitEnvelopeBuilder.Build(patched, null);
        var error = Assert.Throws<SuitFormatException>(() => SuitEnvelopeDecoder.Decode(envelope))!;
        Assert.That(error.Message, Does.Contain("unknown command 28 (condition-version (draft-ietf-suit-update-management)"));
        Assert.That(error.Path, Does.StartWith("manifest/validate"));
        Assert.That(envelope.AsSpan((int)error.Offset, 2).ToArray(), Is.EqualTo(new byte[] { 0x18, 0x1c }), "the offset is the command's, in the envelope file");
    }

    [Test]
    public void AnUnknownManifestMemberIsRefused()
    {
        var manifest = SuitManifestEncoder.Encode(EncoderTests.Example0);
        manifest[0]++; // one more entry…
        var patched = manifest.Concat(new byte[] { 0x18, 0x63, 0x00 }).ToArray(); // …99: 0
        var inspection = SuitInspector.Inspect(SuitEnvelopeBuilder.Build(patched, null), null);
        Assert.That(inspection.Valid, Is.False);
        Assert.That(inspection.FormatError!.Message, Does.Contain("unknown manifest member 99"));
    }

    private static int IndexOf(byte[] haystack, byte[] needle) =>
        Enumerable.Range(0, haystack.Length - needle.Length + 1).FirstOrDefault(i => haystack.AsSpan(i, needle.Length).SequenceEqual(needle), -1);
}
