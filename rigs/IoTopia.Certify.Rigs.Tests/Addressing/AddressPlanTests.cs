using IoTopia.Certify.Rigs.Addressing;

namespace IoTopia.Certify.Rigs.Tests.Addressing;

[TestFixture]
public sealed class AddressPlanTests
{
    [Test]
    public void RolesAndNamesFollowTheContract()
    {
        var plan = new AddressPlan(5, privilegedPorts: true);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Lab.ToString(), Is.EqualTo("127.77.5.1"));
            Assert.That(plan.Dut.ToString(), Is.EqualTo("127.77.5.2"));
            Assert.That(plan.Probe.ToString(), Is.EqualTo("127.77.5.3"));
            Assert.That(plan.AddressFor("cloud.example")!.ToString(), Is.EqualTo("127.77.5.10"));
            Assert.That(plan.AddressFor("CLOUD.example.")!.ToString(), Is.EqualTo("127.77.5.10"), "names are case-insensitive, trailing dot ignored");
            Assert.That(plan.AddressFor("other.example")!.ToString(), Is.EqualTo("127.77.5.11"));
            Assert.That(plan.DnsPort, Is.EqualTo(53));
        });
        for (var i = 0; i < 88; i++)
            plan.AddressFor($"n{i}.example");
        Assert.That(plan.AddressFor("one-too-many.example"), Is.Null, ".10–.99 only");
    }

    [Test]
    public void WithoutRootEveryServiceGetsAHighPortOfItsSlot()
    {
        var a = new AddressPlan(5, privilegedPorts: false);
        var b = new AddressPlan(6, privilegedPorts: false);
        int[] ports = [a.DnsPort, a.DhcpPort, a.HttpsPort, a.NtpPort, a.DutWebPort];
        Assert.That(ports, Is.All.GreaterThan(1024));
        Assert.That(ports, Is.Unique);
        Assert.That(a.DnsPort, Is.Not.EqualTo(b.DnsPort));
    }
}
