using System.Net;
using System.Net.NetworkInformation;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Lab.Steps;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>The MUD URLs the lab services saw from the DUT in this attempt: DHCP option 161, and id-pe-mud-url of the client certificates it showed the lab's TLS endpoints.</summary>
internal static class LabMudUrls
{
    public const string DhcpChannel = "DHCP (seen by the lab)";
    public const string TlsChannel = "certificate (lab TLS client certificate)";

    /// <param name="mac">the DUT's MAC where the rig knows it: a DHCP client's first messages come from 0.0.0.0, known by their chaddr</param>
    public static ChannelLook Dhcp(StepContext context, IPAddress dut, PhysicalAddress? mac = null)
    {
        if (RigDrivers.Lab<ILabDhcp>(context) is not { } dhcp)
            return ChannelLook.Unavailable(DhcpChannel, "the rig has no lab DHCP service");
        var messages = dhcp.Messages.Since(LabCursors.From(context.Attempt, LabCursors.Dhcp))
            .Where(m => m.Message is not null && (m.Client.Address.Equals(dut) || m.Message.ClientAddress.Equals(dut)
                                                  || (mac is not null && m.IsClientMessage && mac.Equals(m.HardwareAddress))))
            .ToList();
        var urls = new List<EmittedMudUrl>();
        foreach (var m in messages)
        {
            if (m.Message!.Option(DhcpMessageTypes.OptionMudUrl) is not { } value)
                continue;
            var url = MudUrlRules.FromMudString(value, out var unprintable);
            urls.Add(new EmittedMudUrl
            {
                Channel = EmittedMudUrl.DhcpV4,
                Via = $"{dhcp.Channel}: {DhcpMessageTypes.Name(m.Message.MessageType)} from {m.Client}",
                Url = url,
                Octets = value.Length,
                Time = m.Time,
                Problems = MudUrlRules.Check(url, value.Length, unprintable),
            });
        }
        var note = messages.Count == 0 ? "no DHCP message from the DUT" : $"{messages.Count} DHCP messages from the DUT, {urls.Count} with option 161";
        return new ChannelLook(DhcpChannel, true, messages.Count > 0, Distinct(urls), note);
    }

    public static ChannelLook TlsClientCertificates(StepContext context, IPAddress dut)
    {
        if (RigDrivers.Lab<ILabHttps>(context) is not { } https)
            return ChannelLook.Unavailable(TlsChannel, "the rig has no lab HTTPS host");
        var withCertificate = https.Requests.Since(LabCursors.From(context.Attempt, LabCursors.Https))
            .Where(e => e.Request.Client.Address.Equals(dut) && e.Request.ClientCertificate is not null)
            .ToList();
        var urls = new List<EmittedMudUrl>();
        foreach (var exchange in withCertificate)
        {
            var certificate = exchange.Request.ClientCertificate!;
            if (certificate.MudUrl is null && certificate.MudUrlProblem is null)
                continue;
            var url = certificate.MudUrl ?? "";
            urls.Add(new EmittedMudUrl
            {
                Channel = EmittedMudUrl.Certificate,
                Via = $"lab TLS client certificate ({certificate.Subject}, sha256 {certificate.Sha256[..16]}…)",
                Url = url,
                Time = exchange.Request.Time,
                Problems = certificate.MudUrlProblem is { } problem ? [problem] : MudUrlRules.Check(url, null),
            });
        }
        var note = withCertificate.Count == 0 ? "the DUT showed the lab's TLS endpoints no client certificate"
            : $"{withCertificate.Count} requests with a client certificate, {urls.Count} carrying id-pe-mud-url";
        return new ChannelLook(TlsChannel, true, withCertificate.Count > 0, Distinct(urls), note);
    }

    /// <summary>One sighting per channel and URL: repeats (the resent DHCPINFORM, every telemetry request) say nothing new.</summary>
    private static List<EmittedMudUrl> Distinct(List<EmittedMudUrl> urls) =>
        urls.GroupBy(u => (u.Channel, u.Url, u.Octets)).Select(g => g.First()).ToList();
}
