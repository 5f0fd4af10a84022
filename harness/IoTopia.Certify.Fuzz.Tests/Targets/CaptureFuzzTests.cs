using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Oracle;
using IoTopia.Certify.Fuzz.Targets;
using IoTopia.Certify.Fuzz.Tests.Support;

namespace IoTopia.Certify.Fuzz.Tests.Targets;

/// <summary>
/// The capture reader, packet decoder and flow collection (then judging, reporting and drafting, whose draft must
/// validate) under mutants of our captures and the shared tapo capture: never a crash, hang or runaway allocation.
/// </summary>
[TestFixture]
public sealed class CaptureFuzzTests() : TargetFixture<CaptureTarget>(new CaptureTarget(Fuzzing.Root))
{
    [Test]
    public void OurCapturesAndTheirMutants()
    {
        Assert.That(OurSeeds.Select(s => s.Name), Does.Contain("device-traffic.pcapng"), "the seed captures are in the repository");
        MutantsHold(OurSeeds);
    }

    [Test]
    public void TheTapoCaptureAndItsMutants() => MutantsHold(SharedSeeds);

    private static byte[] Classic(params byte[][] records) =>
        [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0, .. records.SelectMany(r => r)];

    private static IEnumerable<TestCaseData> Hostile()
    {
        yield return new TestCaseData(Array.Empty<byte>()).SetName("empty");
        yield return new TestCaseData(new byte[] { 0xD4, 0xC3, 0xB2 }).SetName("three bytes");
        yield return new TestCaseData(Classic()).SetName("a header and no packet");
        yield return new TestCaseData(Classic([0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])).SetName("captured length 2^32-1");
        yield return new TestCaseData(Classic([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0x10, 0])).SetName("captured length 1 MiB, file ends");
        yield return new TestCaseData(new byte[] { 0x0A, 0x0D, 0x0D, 0x0A, 0xFC, 0xFF, 0xFF, 0xFF, 0x4D, 0x3C, 0x2B, 0x1A }).SetName("pcapng block length 2^32-4");
        yield return new TestCaseData(new byte[] { 0x0A, 0x0D, 0x0D, 0x0A, 0x1C, 0, 0, 0, 0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x1C, 0, 0, 0 }).SetName("pcapng section header only");
    }

    [TestCaseSource(nameof(Hostile))]
    public void HostileCapturesAreRefusedOrReadNeverThrown(byte[] capture)
    {
        var outcome = Runner.Run(capture, new Seed("/hostile.pcap", []));
        Assert.That(outcome.IsFailure, Is.False, outcome.ToString());
    }
}
