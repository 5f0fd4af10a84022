using IoTopia.Certify.Mud.Discovery;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Tests.Flows;
using IoTopia.Certify.Mud.Tests.Support;

namespace IoTopia.Certify.Mud.Tests.Discovery;

/// <summary>MUD URL discovery from a capture: DHCPv4 option 161, DHCPv6 option 112, LLDP TLV 127 (00-00-5E, subtype 1).</summary>
public class MudUrlDiscoveryTests
{
    private const string Url = "https://sensor.example/mud/sensor-1.json";

    private static byte[] Dhcp(string? mudString) =>
        FrameBuilder.Ethernet(DeviceTraffic.DeviceMac, "ff:ff:ff:ff:ff:ff", 0x0800,
            FrameBuilder.Ip("0.0.0.0", "255.255.255.255", 17, FrameBuilder.Udp(68, 67, FrameBuilder.DhcpDiscover(DeviceTraffic.DeviceMac, mudString))));

    private static byte[] Lldp(string url) => FrameBuilder.Ethernet(DeviceTraffic.DeviceMac, "01:80:c2:00:00:0e", 0x88CC, FrameBuilder.Lldp(url));

    private static byte[] DhcpV6(string url) =>
        FrameBuilder.Ethernet(DeviceTraffic.DeviceMac, "33:33:00:01:00:02", 0x86DD,
            FrameBuilder.Ip("fe80::2", "ff02::1:2", 17, FrameBuilder.Udp(546, 547, FrameBuilder.DhcpV6Solicit(url))));

    private static CheckReport Check(DeviceTraffic traffic) => Sensor.Check(traffic);

    [Test]
    public void SameUrlOnEveryChannelIsFoundWithoutNotes()
    {
        var report = Check(Sensor.Compliant().Frame(Dhcp(Url + " reserved")).Frame(Lldp(Url)).Frame(DhcpV6(Url)));
        Assert.Multiple(() =>
        {
            Assert.That(report.DeviceMudUrls.Select(s => s.Channel), Is.EquivalentTo(new[] { MudUrlChannel.DhcpV4, MudUrlChannel.Lldp, MudUrlChannel.DhcpV6 }));
            Assert.That(report.DeviceMudUrls.Select(s => s.Url).Distinct(), Is.EqualTo(new[] { Url }));
            Assert.That(report.MudUrlNotes, Is.Empty);
            Assert.That(report.Infrastructure.Select(f => f.Flow.Category), Is.SupersetOf(new[] { "DHCP", "LLDP", "DHCPv6" }));
        });
    }

    [Test]
    public void DifferentUrlsOnDifferentChannelsAreFlagged()
    {
        var report = Check(Sensor.Compliant().Frame(Dhcp(Url)).Frame(Lldp("https://sensor.example/mud/other.json")));
        Assert.That(report.MudUrlNotes, Has.Some.Contains("different MUD URLs were emitted"));
        Assert.That(report.MudUrlNotes, Has.Some.Contains("but the MUD file's mud-url is"));
    }

    [Test]
    public void HttpUrlIsFlagged()
    {
        var report = Check(Sensor.Compliant().Frame(Dhcp("http://sensor.example/mud/sensor-1.json")));
        Assert.That(report.DeviceMudUrls.Single().Problems, Has.Some.Contains("not https"));
    }

    [Test]
    public void OverLongMudStringIsFlagged()
    {
        var longUrl = "https://sensor.example/" + new string('a', 300);
        var report = Check(Sensor.Compliant().Frame(Dhcp(longUrl)).Frame(DhcpV6(longUrl)));
        Assert.Multiple(() =>
        {
            Assert.That(report.DeviceMudUrls, Has.Count.EqualTo(2));
            Assert.That(report.DeviceMudUrls.All(s => s.Problems.Any(p => p.Contains("at most 255"))), Is.True);
            Assert.That(report.DeviceMudUrls[0].Url, Is.EqualTo(longUrl), "RFC 3396 concatenation of the split option 161");
        });
    }

    [Test]
    public void OtherHostsUrlsAreNotTheDevices()
    {
        var other = FrameBuilder.Ethernet("02:00:00:00:00:77", "ff:ff:ff:ff:ff:ff", 0x88CC, FrameBuilder.Lldp("https://other.example/x.json"));
        var report = Check(Sensor.Compliant().Frame(other));
        Assert.That(report.DeviceMudUrls, Is.Empty);
    }

    [Test]
    public void TruncatedOptionsAreIgnoredNotThrown()
    {
        var frame = Dhcp(Url);
        var cut = frame[..^10];
        var report = Check(Sensor.Compliant().Frame(cut).Frame(Lldp(Url)[..20]));
        Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant));
    }
}
