using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>The MUD URLs the DUT emitted in a capture: DHCPv4 option 161, DHCPv6 option 112, LLDP (RFC 8520 §9–§11).</summary>
internal static class CaptureMudUrls
{
    public const string Channel = "capture (DHCPv4, DHCPv6, LLDP)";

    public static ChannelLook Read(EndedCapture capture)
    {
        var dut = IpAddr.From(capture.Target.Dut);
        var settings = new CheckSettings
        {
            Device = DeviceSelector.ByIp(dut),
            ProbeAddresses = capture.Target.Probe is { } probe ? [IpAddr.From(probe)] : [],
        };
        CaptureAnalysis analysis;
        try
        {
            analysis = CaptureAnalyzer.Analyze(capture.PcapPath, settings);
        }
        catch (IOException e)
        {
            return new ChannelLook(Channel, true, false, [], $"the pcap could not be read: {e.Message}");
        }
        var urls = analysis.MudUrls.Of(default, [dut]).Select(s => new EmittedMudUrl
        {
            Channel = s.ChannelName,
            Via = $"capture '{capture.Name}' packet #{s.PacketNumber}",
            Url = s.Url,
            Problems = s.Problems,
        }).ToList();
        var note = $"{analysis.DevicePacketsSent} packets from the DUT in {capture.PcapEvidencePath}, {urls.Count} MUD URLs"
            + (analysis.Error is { } error ? $"; the pcap ends early: {error.Message}" : "");
        return new ChannelLook(Channel, true, analysis.DevicePacketsSent > 0, urls, note);
    }
}
