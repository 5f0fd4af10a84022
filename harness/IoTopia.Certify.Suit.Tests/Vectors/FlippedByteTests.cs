using IoTopia.Certify.Suit.Encoding;
using IoTopia.Certify.Suit.Inspection;
using IoTopia.Certify.Suit.Tests.Support;

namespace IoTopia.Certify.Suit.Tests.Vectors;

/// <summary>Every signed example with any one bit flipped, at every byte position, is refused (malformed, digest or signature).</summary>
[TestFixture]
public sealed class FlippedByteTests
{
    private static IEnumerable<TestCaseData> Cases() =>
        SuitVectors.SignedNames.SelectMany(name => new[] { 0, 7 }.Select(bit => new TestCaseData(name, bit).SetName($"{name} bit {bit} at every byte")));

    [TestCaseSource(nameof(Cases))]
    public void EveryFlippedByteIsRejected(string name, int bit)
    {
        var envelope = SuitVectors.Read(name);
        using var key = SuitVectors.PublicKey();
        Assert.That(SuitInspector.Inspect(envelope, key).Valid, Is.True, "the genuine example verifies");
        var accepted = Enumerable.Range(0, envelope.Length)
            .Where(offset => SuitInspector.Inspect(SuitEnvelopeMutations.FlipBit(envelope, offset, bit), key).Valid)
            .ToList();
        Assert.That(accepted, Is.Empty, $"offsets accepted after a flip: {string.Join(", ", accepted)}");
    }

    [Test]
    public void TheNamedMutationsAreRejectedForTheRightReason()
    {
        var envelope = SuitVectors.Read("example0_1.signed.suit");
        using var key = SuitVectors.PublicKey();
        Assert.Multiple(() =>
        {
            Assert.That(SuitInspector.Inspect(SuitEnvelopeMutations.BreakSignature(envelope), key).Problems,
                Is.EqualTo(new[] { "no signature verifies with the key" }));
            Assert.That(SuitInspector.Inspect(SuitEnvelopeMutations.TamperManifest(envelope, 4), key).Problems,
                Does.Contain("digest of manifest does not match"));
        });
    }
}
