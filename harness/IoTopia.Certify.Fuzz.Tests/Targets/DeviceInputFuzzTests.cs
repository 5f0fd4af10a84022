using IoTopia.Certify.Fuzz.Campaigns;
using IoTopia.Certify.Fuzz.Oracle;
using IoTopia.Certify.Fuzz.Targets;
using IoTopia.Certify.Fuzz.Tests.Support;

namespace IoTopia.Certify.Fuzz.Tests.Targets;

/// <summary>What a device sends the lab (DHCP messages, DNS queries, console bytes) under mutants: reasons, never exceptions.</summary>
[TestFixture]
public sealed class DeviceInputFuzzTests
{
    private const int Mutants = 300;
    private readonly DeviceInputTarget _target = new();

    private CaseRunner Runner => new(_target, Fuzzing.Deadline);

    [OneTimeTearDown]
    public void Dispose() => _target.Dispose();

    [Test]
    public void OurDeviceInputsAndTheirMutants()
    {
        var seeds = _target.Seeds(Fuzzing.Corpus);
        Assert.That(seeds.Select(s => s.Name), Is.SupersetOf(new[] { "dhcp-inform.bin", "dns-query.bin", "serial-boot.txt" }));
        PropertyCheck.Holds(Runner, seeds, Fuzzing.Store, Mutants, Fuzzing.ReplaySeed);
    }

    [Test]
    public void ADnsNameWhosePointerPointsAtItselfEndsWithAReason()
    {
        byte[] loop = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1];
        var seed = _target.Seeds(Fuzzing.Corpus).First(s => s.Name.StartsWith("dns-", StringComparison.Ordinal));
        Assert.That(Runner.Run(loop, seed).Verdict, Is.EqualTo(CaseVerdict.Accepted));
    }
}
