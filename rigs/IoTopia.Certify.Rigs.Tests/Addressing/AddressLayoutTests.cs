using System.Net;
using IoTopia.Certify.Rigs.Addressing;

namespace IoTopia.Certify.Rigs.Tests.Addressing;

[TestFixture]
public sealed class AddressLayoutTests
{
    [Test]
    public void ASlotsLayoutIsTheContractsOne()
    {
        var layout = AddressLayout.OfSlot((10, 77), 7);
        Assert.Multiple(() =>
        {
            Assert.That(layout.Network.ToString(), Is.EqualTo("10.77.7.0/24"));
            Assert.That(layout.Lab.ToString(), Is.EqualTo("10.77.7.1"));
            Assert.That(layout.Dut.ToString(), Is.EqualTo("10.77.7.2"));
            Assert.That(layout.Probe.ToString(), Is.EqualTo("10.77.7.3"));
            Assert.That(layout.NameAddresses.Select(a => a.ToString()).ToList(), Has.Count.EqualTo(90).And.Contain("10.77.7.10").And.Contain("10.77.7.99"));
            Assert.That(layout.Problems(), Is.Empty);
        });
    }

    [Test]
    public void ABenchsPlanHasItsOwnSubnetAndHostsAndTheWellKnownPorts()
    {
        var layout = new AddressLayout(IPNetwork.Parse("172.20.0.0/16"), IPAddress.Parse("172.20.1.1"), IPAddress.Parse("172.20.1.50"),
            IPAddress.Parse("172.20.1.2"), firstNameHost: 512, lastNameHost: 515);
        var plan = new AddressPlan(layout);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Slot, Is.Null);
            Assert.That(plan.Subnet, Is.EqualTo("172.20.0.0/16"));
            Assert.That(plan.Lab.ToString(), Is.EqualTo("172.20.1.1"));
            Assert.That(plan.Dut.ToString(), Is.EqualTo("172.20.1.50"));
            Assert.That(new[] { plan.DnsPort, plan.DhcpPort, plan.HttpsPort, plan.DutWebPort }, Is.EqualTo(new[] { 53, 67, 443, 443 }));
            Assert.That(plan.AddressFor("a.example")!.ToString(), Is.EqualTo("172.20.2.0"), "host 512 of the /16");
            Assert.That(plan.LabSideAddresses.Select(a => a.ToString()), Is.EqualTo(new[] { "172.20.1.1", "172.20.1.2", "172.20.2.0", "172.20.2.1", "172.20.2.2", "172.20.2.3" }));
            Assert.That(plan.IsNameAddress(IPAddress.Parse("172.20.2.3")), Is.True);
            Assert.That(plan.IsNameAddress(IPAddress.Parse("172.20.1.1")), Is.False);
        });
        for (var i = 0; i < 3; i++)
            plan.AddressFor($"n{i}.example");
        Assert.That(plan.AddressFor("one-too-many.example"), Is.Null, "only the name hosts the rig file gives");
    }

    [TestCase("192.168.50.0/24", "192.168.51.1", "192.168.50.2", "192.168.50.3", 10, 99, "lab-address: 192.168.51.1 is not a host address of the subnet 192.168.50.0/24")]
    [TestCase("192.168.50.0/24", "192.168.50.1", "192.168.50.255", "192.168.50.3", 10, 99, "dut-address: 192.168.50.255 is not a host address")]
    [TestCase("192.168.50.0/24", "192.168.50.1", "192.168.50.1", "192.168.50.3", 10, 99, "must be three different addresses")]
    [TestCase("192.168.50.0/24", "192.168.50.1", "192.168.50.20", "192.168.50.3", 10, 99, "name-hosts: 10-99 holds dut-address 192.168.50.20")]
    [TestCase("192.168.50.0/24", "192.168.50.1", "192.168.50.2", "192.168.50.3", 10, 255, "name-hosts: 10-255 must be host numbers of 192.168.50.0/24, 1 to 254")]
    [TestCase("192.168.50.0/31", "192.168.50.0", "192.168.50.1", "192.168.50.1", 1, 1, "prefix length between /8 and /30")]
    [TestCase("fd00::/64", "fd00::1", "fd00::2", "fd00::3", 10, 99, "is not an IPv4 network")]
    public void ALayoutThatCannotWorkSaysWhyByItsKey(string subnet, string lab, string dut, string probe, int first, int last, string problem)
    {
        var layout = new AddressLayout(IPNetwork.Parse(subnet), IPAddress.Parse(lab), IPAddress.Parse(dut), IPAddress.Parse(probe), first, last);
        Assert.That(layout.Problems(), Has.Some.Contains(problem));
        Assert.Throws<ArgumentException>(() => _ = new AddressPlan(layout));
    }
}
