using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Oracle;
using IoTopia.Certify.Fuzz.Targets;
using IoTopia.Certify.Fuzz.Tests.Support;
using IoTopia.Certify.Suit.Encoding;

namespace IoTopia.Certify.Fuzz.Tests.Targets;

/// <summary>The SUIT envelope decoder under mutants of the IETF draft's signed examples and of one we build: never a crash, hang or runaway allocation.</summary>
[TestFixture]
public sealed class SuitFuzzTests() : TargetFixture<SuitTarget>(new SuitTarget(Fuzzing.Root))
{
    [Test]
    public void TheDraftExamplesAndTheirMutants()
    {
        var seeds = Target.Seeds(Fuzzing.Corpus);
        if (seeds.Count == 0)
            Assert.Ignore($"the SUIT vectors are not here: {Fuzzing.Corpus.SharedSuitVectors} holds no *.suit (they live in ../shared/vectors/suit beside the repository)");
        MutantsHold(seeds);
    }

    [Test]
    public void AnEnvelopeWeBuildAndItsMutants()
    {
        var parameters = new SuitManifestParameters
        {
            SequenceNumber = 3,
            VendorId = new byte[16],
            ClassId = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray(),
            ImageDigest = new byte[32],
            ImageSize = 1000,
            Uri = "http://lab.example/image.bin",
            Invoke = true,
        };
        var envelope = SuitEnvelopeBuilder.Build(SuitManifestEncoder.Encode(parameters), null);
        MutantsHold([new Seed("/built/unsigned.suit", envelope)]);
    }

    private static IEnumerable<TestCaseData> Hostile()
    {
        yield return new TestCaseData(Enumerable.Repeat((byte)0x81, 200_000).ToArray()).SetName("arrays nested 200,000 deep");
        yield return new TestCaseData(Enumerable.Repeat((byte)0xd8, 100_000).ToArray()).SetName("100,000 tag heads");
        yield return new TestCaseData(new byte[] { 0xd8, 0x6b, 0xbb, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }).SetName("a map claiming 2^63 entries");
        yield return new TestCaseData(new byte[] { 0xd8, 0x6b, 0xa1, 0x03, 0x5f, 0x41, 0x00 }).SetName("an unterminated indefinite byte string");
        yield return new TestCaseData(Enumerable.Repeat((byte)0x5f, 50_000).ToArray()).SetName("nested indefinite strings");
    }

    [TestCaseSource(nameof(Hostile))]
    public void HostileEnvelopesAreRefusedNotThrown(byte[] envelope)
    {
        var outcome = Runner.Run(envelope, new Seed("/hostile.suit", []));
        Assert.That(outcome.Verdict, Is.AnyOf(CaseVerdict.Accepted, CaseVerdict.Refused), outcome.ToString());
    }
}
