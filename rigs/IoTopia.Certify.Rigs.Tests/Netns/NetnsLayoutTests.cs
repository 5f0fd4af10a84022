using System.Net;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Netns;

namespace IoTopia.Certify.Rigs.Tests.Netns;

[TestFixture]
public sealed class NetnsLayoutTests
{
    [Test]
    public void ASlotNamesItsNamespacesMacsAndSubnet()
    {
        var mac = NetnsLayout.ParseMac("02:52:44:00:00:01", out var problem)!;
        var layout = new NetnsLayout(7, mac);
        Assert.Multiple(() =>
        {
            Assert.That(problem, Is.Null);
            Assert.That(layout.LabNamespace, Is.EqualTo("iotc7-lab"));
            Assert.That(layout.DutNamespace, Is.EqualTo("iotc7-dut"));
            Assert.That(NetnsLayout.Text(layout.LabMac), Is.EqualTo("02:10:77:00:07:01"));
            Assert.That(layout.Plan.Subnet, Is.EqualTo("10.77.7.0/24"));
            Assert.That(layout.Plan.Dut.ToString(), Is.EqualTo("10.77.7.2"));
            Assert.That(layout.Plan.DnsPort, Is.EqualTo(53), "inside its own namespace the rig is root: well-known ports");
            Assert.That(layout.Plan.LabSideAddresses.Select(a => a.ToString()), Does.Contain("10.77.7.1").And.Contain("10.77.7.3").And.Contain("10.77.7.99")
                .And.Not.Contain("10.77.7.2"));
            Assert.That(layout.Plan.Contains(IPAddress.Parse("10.77.7.50")), Is.True);
            Assert.That(layout.Plan.Contains(IPAddress.Parse("127.77.7.50")), Is.False);
        });
    }

    [TestCase(null, "name it")]
    [TestCase("", "name it")]
    [TestCase("02:52:44:00:01", "not a MAC address")]
    [TestCase("zz:52:44:00:00:01", "not a MAC address")]
    [TestCase("03:52:44:00:00:01", "unicast and locally administered")]
    [TestCase("00:1b:44:11:3a:b7", "unicast and locally administered")]
    public void ABadDutMacIsNamed(string? text, string says)
    {
        Assert.That(NetnsLayout.ParseMac(text, out var problem), Is.Null);
        Assert.That(problem, Does.StartWith("dut.mac:").And.Contain(says));
    }

    [Test]
    public void TheLabAnswersPeersInsideTheRunsNamespaceSubnetOnly()
    {
        var network = new AddressPlan(AddressPlan.NamespacePrefix, 7, privilegedPorts: true).Network;
        Assert.Multiple(() =>
        {
            Assert.That(LabPeers.MayReplyTo(new IPEndPoint(IPAddress.Parse("10.77.7.2"), 68), network), Is.True);
            Assert.That(LabPeers.MayReplyTo(new IPEndPoint(IPAddress.Parse("127.77.7.2"), 53), network), Is.True, "loopback stays allowed");
            Assert.That(LabPeers.MayReplyTo(new IPEndPoint(IPAddress.Parse("10.77.7.2"), 68)), Is.False, "without the run's network: loopback only");
            Assert.That(LabPeers.MayReplyTo(new IPEndPoint(IPAddress.Parse("10.77.7.255"), 68), network), Is.False, "never the subnet's broadcast");
            Assert.That(LabPeers.MayReplyTo(new IPEndPoint(IPAddress.Parse("10.77.7.0"), 68), network), Is.False);
            Assert.That(LabPeers.MayReplyTo(new IPEndPoint(IPAddress.Parse("10.77.8.2"), 68), network), Is.False, "another slot's subnet");
            Assert.That(LabPeers.MayReplyTo(new IPEndPoint(IPAddress.Parse("255.255.255.255"), 68), network), Is.False);
            Assert.That(LabPeers.MayReplyTo(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 53), network), Is.False);
        });
    }
}
