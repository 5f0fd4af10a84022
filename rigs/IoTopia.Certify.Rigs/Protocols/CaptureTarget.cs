using System.Net;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>
/// Whose traffic a capture is about: the DUT's address (and its MAC, on a link where the rig knows it),
/// and the harness's own probe address whose traffic is excluded from the DUT's behavioural traffic
/// (CONTRACTS.md, addresses).
/// </summary>
public sealed record CaptureTarget(IPAddress Dut, IPAddress? Probe = null, System.Net.NetworkInformation.PhysicalAddress? Mac = null)
{
    /// <summary>The rig's DUT filter: <c>host DUT and not host PROBE</c>; with a MAC, the DUT's frames too
    /// (<c>(ether host MAC or host DUT) and not host PROBE</c>: its ARP and broadcast DHCP).</summary>
    public string DefaultFilter
    {
        get
        {
            var dut = Mac is null ? $"host {Dut}" : $"(ether host {MacText(Mac)} or host {Dut})";
            return Probe is null ? dut : $"{dut} and not host {Probe}";
        }
    }

    /// <summary>aa:bb:cc:dd:ee:ff, as libpcap filters and tshark write it.</summary>
    public static string MacText(System.Net.NetworkInformation.PhysicalAddress mac) =>
        string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A packet is the DUT's when the DUT is its source or destination and the probe is neither.</summary>
    public bool IsDut(IPAddress? source, IPAddress? destination) =>
        (Dut.Equals(source) || Dut.Equals(destination))
        && (Probe is null || (!Probe.Equals(source) && !Probe.Equals(destination)));
}
