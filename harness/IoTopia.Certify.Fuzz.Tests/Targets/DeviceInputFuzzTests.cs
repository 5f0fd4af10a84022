using IoTopia.Certify.Fuzz.Oracle;
using IoTopia.Certify.Fuzz.Targets;
using IoTopia.Certify.Fuzz.Tests.Support;

namespace IoTopia.Certify.Fuzz.Tests.Targets;

/// <summary>What a device sends the lab (DHCP messages, DNS queries, console bytes) under mutants: reasons, never exceptions.</summary>
[TestFixture]
public sealed class DeviceInputFuzzTests() : TargetFixture<DeviceInputTarget>(new DeviceInputTarget())
{
    [Test]
    public void OurDeviceInputsAndTheirMutants()
    {
        Assert.That(OurSeeds.Select(s => s.Name), Is.SupersetOf(new[] { "dhcp-inform.bin", "dns-query.bin", "serial-boot.txt" }));
        MutantsHold(OurSeeds, 2 * Mutants);
    }

    [Test]
    public void ADnsNameWhosePointerPointsAtItselfEndsWithAReason()
    {
        byte[] loop = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1];
        var seed = OurSeeds.First(s => s.Name.StartsWith("dns-", StringComparison.Ordinal));
        Assert.That(Runner.Run(loop, seed).Verdict, Is.EqualTo(CaseVerdict.Accepted));
    }
}
