using System.Net.NetworkInformation;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>The DUT's MAC (<c>dut.mac</c>) on a bench's DUT-facing link: required there, any unicast address (real devices have globally administered ones).</summary>
public static class BenchMac
{
    public static PhysicalAddress? Parse(string? text, string interfaceName, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = $"dut.mac: the lab network on {interfaceName} finds the DUT by its MAC (its DHCP comes from 0.0.0.0 before it has an address; capture and DHCP are filtered by it): name it (aa:bb:cc:dd:ee:ff)";
            return null;
        }
        if (!PhysicalAddress.TryParse(text.Replace(':', '-'), out var mac) || mac.GetAddressBytes().Length != 6)
        {
            problem = $"dut.mac: '{text}' is not a MAC address (aa:bb:cc:dd:ee:ff)";
            return null;
        }
        if ((mac.GetAddressBytes()[0] & 1) != 0)
        {
            problem = $"dut.mac: '{text}' is a multicast address; the DUT's own MAC is unicast";
            return null;
        }
        return mac;
    }
}
