using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// The MUD URLs the DUT emitted in a capture: DHCPv4 option 161, DHCPv6 option 112, LLDP (RFC 8520 §9–§11). The
/// DUT is known by its address, and by its MAC where the rig knows it (a DHCP client's first messages come from
/// 0.0.0.0).
/// </summary>
internal static class CaptureMudUrls
{
    public const string Channel = "capture (DHCPv4, DHCPv6, LLDP)";

    public static ChannelLook Read(EndedCapture capture) => Read(capture.PcapPath, capture.PcapEvidencePath, $"capture '{capture.Name}'", capture.Target);

    /// <summary>Reads the pcap as far as it is written (a capture still running: a torn last packet is not a problem here).</summary>
    public static ChannelLook ReadSoFar(string pcapPath, string evidencePath, string name, CaptureTarget target) =>
        Read(pcapPath, evidencePath, name, target, soFar: true);

    private static ChannelLook Read(string pcapPath, string evidencePath, string name, CaptureTarget target, bool soFar = false)
    {
        var dut = IpAddr.From(target.Dut);
        var mac = target.Mac is { } m ? MacAddr.From(m.GetAddressBytes()) : default;
        var settings = new CheckSettings
        {
            Device = target.Mac is null ? DeviceSelector.ByIp(dut) : new DeviceSelector(mac, dut),
            ProbeAddresses = target.Probe is { } probe ? [IpAddr.From(probe)] : [],
        };
        CaptureAnalysis analysis;
        try
        {
            analysis = CaptureAnalyzer.Analyze(pcapPath, settings);
        }
        catch (IOException e)
        {
            return new ChannelLook(Channel, true, false, [], $"the pcap could not be read: {e.Message}");
        }
        var addresses = analysis.DeviceAddresses.Append(dut).Distinct().ToList();
        var urls = analysis.MudUrls.Of(mac, addresses).Select(s => new EmittedMudUrl
        {
            Channel = s.ChannelName,
            Via = $"{name} packet #{s.PacketNumber}",
            Url = s.Url,
            Problems = s.Problems,
        }).ToList();
        var dhcp = analysis.Flows.Any(f => f.Category == "DHCP" && f.PacketsFromDevice > 0);
        var note = $"{analysis.DevicePacketsSent} packets from the DUT in {evidencePath}{(dhcp ? " (DHCP among them)" : "")}, {urls.Count} MUD URLs"
            + (analysis.Error is { } error && !soFar ? $"; the pcap ends early: {error.Message}" : "");
        return new ChannelLook(Channel, true, analysis.DevicePacketsSent > 0, urls, note) { SpokeDhcp = dhcp };
    }
}
