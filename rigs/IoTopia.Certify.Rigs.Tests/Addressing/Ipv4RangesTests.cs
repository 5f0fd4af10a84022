using System.Net;
using IoTopia.Certify.Rigs.Addressing;

namespace IoTopia.Certify.Rigs.Tests.Addressing;

[TestFixture]
public sealed class Ipv4RangesTests
{
    private static IReadOnlyList<string> Without(string[] networks, string first, string last) =>
        [.. Ipv4Ranges.Without(networks.Select(IPNetwork.Parse), IPAddress.Parse(first), IPAddress.Parse(last)).Select(n => n.ToString())];

    [Test]
    public void TheNameAddressesAreTakenOutOfTheSubnetAsTheFewestBlocks() =>
        Assert.That(Without(["192.168.77.0/24"], "192.168.77.10", "192.168.77.99"),
            Is.EqualTo(new[] { "192.168.77.0/29", "192.168.77.8/31", "192.168.77.100/30", "192.168.77.104/29", "192.168.77.112/28", "192.168.77.128/25" }));

    [Test]
    public void NetworksApartFromTheRangeAndIpv6NetworksStayAsTheyAre() =>
        Assert.That(Without(["10.0.0.0/8", "fd00::/8", "192.168.1.0/24"], "192.168.77.10", "192.168.77.99"),
            Is.EqualTo(new[] { "10.0.0.0/8", "fd00::/8", "192.168.1.0/24" }));

    [Test]
    public void ARangeCoveringTheWholeNetworkLeavesNothingAndEdgesAreExact()
    {
        Assert.That(Without(["192.168.77.0/28"], "192.168.77.0", "192.168.77.255"), Is.Empty);
        Assert.That(Without(["192.168.77.0/24"], "192.168.77.0", "192.168.77.0"),
            Is.EqualTo(new[] { "192.168.77.1/32", "192.168.77.2/31", "192.168.77.4/30", "192.168.77.8/29", "192.168.77.16/28", "192.168.77.32/27", "192.168.77.64/26", "192.168.77.128/25" }));
        Assert.That(Without(["0.0.0.0/0"], "255.255.255.255", "255.255.255.255"), Has.Count.EqualTo(32).And.Contain("0.0.0.0/1").And.Contain("255.255.255.254/32"));
    }
}
