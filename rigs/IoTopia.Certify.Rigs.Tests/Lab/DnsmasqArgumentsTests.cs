using System.Net;
using System.Net.NetworkInformation;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Lab.Dhcp;

namespace IoTopia.Certify.Rigs.Tests.Lab;

/// <summary>dnsmasq as the lab runs it: bound to the lab address only, no system configuration, nothing upstream, no route for the DUT.</summary>
[TestFixture]
public sealed class DnsmasqArgumentsTests
{
    private static readonly AddressPlan Bench = new(new AddressLayout(IPNetwork.Parse("172.20.0.0/16"), IPAddress.Parse("172.20.0.1"),
        IPAddress.Parse("172.20.0.2"), IPAddress.Parse("172.20.0.3")));

    [Test]
    public void DhcpForTheDutsMacAndDnsForwardedToTheLabResolverOnly()
    {
        var arguments = new DnsmasqService(new DnsmasqOptions("eth1", PhysicalAddress.Parse("00-1B-21-3A-4F-10"), 5053)).Arguments(Bench, "/run/leases");
        Assert.That(arguments, Is.SupersetOf(new[]
        {
            "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=172.20.0.1", "--port=53",
            "--server=172.20.0.1#5053", "--dhcp-range=172.20.0.2,static,255.255.0.0,1h", "--dhcp-host=00:1b:21:3a:4f:10,172.20.0.2",
            "--dhcp-option=option:router", "--dhcp-option=option:dns-server,172.20.0.1", "--dhcp-leasefile=/run/leases",
        }));
        Assert.That(arguments.Where(a => a.StartsWith("--server=", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1), "no upstream but the lab resolver");
    }

    [Test]
    public void WithoutTheLabResolverDnsmasqServesNoDnsAndWithoutAMacLeasesTheOneAddress()
    {
        var arguments = new DnsmasqService(new DnsmasqOptions("eth1", null, null)).Arguments(Bench, "/run/leases");
        Assert.Multiple(() =>
        {
            Assert.That(arguments, Does.Contain("--port=0").And.Contain("--dhcp-range=172.20.0.2,172.20.0.2,255.255.0.0,1h").And.Contain("--dhcp-option=option:dns-server"));
            Assert.That(arguments, Has.None.StartsWith("--server=").And.None.StartsWith("--dhcp-host="));
            Assert.That(arguments, Has.None.StartsWith("--dhcp-option=option:ntp-server"), "no lab NTP server: the lease names none");
        });
    }

    [Test]
    public void WithTheLabNtpServerTheLeaseNamesTheLabAddressAsOption42()
    {
        var arguments = new DnsmasqService(new DnsmasqOptions("eth1", null, 5053, ServesNtp: true)).Arguments(Bench, "/run/leases");
        Assert.That(arguments.Where(a => a.StartsWith("--dhcp-option=option:ntp-server", StringComparison.Ordinal)), Is.EqualTo(new[] { "--dhcp-option=option:ntp-server,172.20.0.1" }));
    }
}
