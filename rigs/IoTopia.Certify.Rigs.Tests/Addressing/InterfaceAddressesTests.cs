using System.Net;
using IoTopia.Certify.Rigs.Addressing;

namespace IoTopia.Certify.Rigs.Tests.Addressing;

[TestFixture]
public sealed class InterfaceAddressesTests
{
    // `ip -j addr show` (iproute2 6.1) as a bench machine prints it, trimmed
    private const string Listing = """
        [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8},{"family":"inet6","local":"::1","prefixlen":128}]},
         {"ifindex":2,"ifname":"eth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"addr_info":[{"family":"inet","local":"10.1.2.3","prefixlen":16}]},
         {"ifindex":3,"ifname":"eth1","flags":["BROADCAST","MULTICAST"],"addr_info":[{"family":"inet","local":"192.168.50.1","prefixlen":24}]},
         {"ifindex":4,"ifname":"wlan0","flags":["BROADCAST","MULTICAST","UP"],"addr_info":[]}]
        """;

    [Test]
    public void AddressesAndLinkStateAreReadPerInterface()
    {
        var now = InterfaceAddresses.Parse(Listing);
        Assert.Multiple(() =>
        {
            Assert.That(now.ByInterface.Keys, Is.EquivalentTo(new[] { "lo", "eth0", "eth1", "wlan0" }));
            Assert.That(now.Down, Is.EquivalentTo(new[] { "eth1" }));
            Assert.That(now.Holds("eth1", IPAddress.Parse("192.168.50.1")), Is.True, "an address already there is used, and never removed");
            Assert.That(now.Holds("eth1", IPAddress.Parse("192.168.50.10")), Is.False);
            Assert.That(now.Holds("lo", IPAddress.Parse("127.78.1.10")), Is.True, "all of 127.0.0.0/8 is local on lo already");
        });
    }

    [Test]
    public void ASubnetAnotherInterfaceReachesIsFound()
    {
        var now = InterfaceAddresses.Parse(Listing);
        Assert.Multiple(() =>
        {
            Assert.That(now.Overlapping("eth1", IPNetwork.Parse("192.168.50.0/24")), Is.Empty, "the DUT-facing interface's own");
            Assert.That(now.Overlapping("eth1", IPNetwork.Parse("10.1.77.0/24")), Is.EqualTo(new[] { "eth0 has 10.1.2.3/16" }), "inside eth0's network");
            Assert.That(now.Overlapping("eth1", IPNetwork.Parse("10.0.0.0/8")), Is.EqualTo(new[] { "eth0 has 10.1.2.3/16" }), "holding eth0's address");
            Assert.That(now.Overlapping("eth0", IPNetwork.Parse("127.0.0.0/16")), Is.EqualTo(new[] { "lo has 127.0.0.1/8" }));
        });
    }
}
