using System.Text;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Dhcp;
using IoTopia.Certify.Wire.Flows;
using IoTopia.Certify.Wire.Frames;
using IoTopia.Certify.Wire.Lldp;

namespace IoTopia.Certify.Mud.Discovery;

/// <summary>
/// Collects the MUD URLs hosts emit in a capture: DHCPv4 option 161 (client to server), DHCPv6 option 112,
/// and LLDP TLV 127 with OUI 00-00-5E subtype 1. Flags non-https URLs, over-long MUD strings (over 255
/// octets) and hosts that emit different URLs on different channels or packets. Bounded: the first
/// <see cref="MaxSightings"/> distinct sightings are kept.
/// </summary>
public sealed class MudUrlDiscovery
{
    public const int MaxSightings = 1000;
    public const int MaxMudStringOctets = 255;
    private const int DhcpV4MudUrlOption = 161;
    private const int DhcpV6MudUrlOption = 112;

    private readonly List<MudUrlSighting> _sightings = [];
    private readonly HashSet<(MudUrlChannel, string, MacAddr, IpAddr)> _seen = [];

    public IReadOnlyList<MudUrlSighting> Sightings => _sightings;

    /// <summary>Looks at one decoded frame.</summary>
    public void Observe(ReadOnlySpan<byte> frame, in DecodedPacket p, long number)
    {
        if (p.Ethertype == FrameDecoder.EthertypeLldp)
        {
            ObserveLldp(frame.Slice(p.PayloadOffset, p.PayloadLength), p, number);
            return;
        }
        if (!p.IsUdp)
            return;
        var payload = frame.Slice(p.PayloadOffset, p.PayloadLength);
        if (p.IpVersion == 4 && p.SourcePort == 68 && p.DestinationPort == 67)
            ObserveDhcpV4(payload, p, number);
        else if (p.IpVersion == 6 && p.SourcePort == 546 && p.DestinationPort == 547)
            ObserveDhcpV6(payload, p, number);
    }

    /// <summary>The URLs a host emitted, by its MAC (or, without one, its address).</summary>
    public IReadOnlyList<MudUrlSighting> Of(MacAddr mac, IReadOnlyCollection<IpAddr> addresses) =>
        _sightings.Where(s => (!mac.IsNone && s.SenderMac == mac) || (s.SenderIp.Version != 0 && !s.SenderIp.IsUnspecified && addresses.Contains(s.SenderIp))).ToList();

    /// <summary>Problems across the sightings of one host: different URLs on different channels or packets.</summary>
    public static IReadOnlyList<string> Consistency(IReadOnlyList<MudUrlSighting> sightings)
    {
        var urls = sightings.Select(s => s.Url).Distinct(StringComparer.Ordinal).ToList();
        if (urls.Count <= 1)
            return [];
        return [$"different MUD URLs were emitted: {string.Join("; ", sightings.GroupBy(s => s.Url).Select(g => $"{g.Key} ({string.Join(", ", g.Select(s => s.ChannelName).Distinct())})"))}"];
    }

    private void ObserveDhcpV4(ReadOnlySpan<byte> bootp, in DecodedPacket p, long number)
    {
        if (!DhcpOptionReader.IsDhcpV4(bootp) || bootp[0] != 1)
            return;
        var chaddr = bootp[1] == 1 && bootp[2] == 6 ? MacAddr.From(bootp[28..]) : p.SourceMac;
        List<byte>? value = null;
        foreach (var option in DhcpOptionReader.V4(bootp))
        {
            // RFC 3396: a repeated option is one long option, concatenated.
            if (option.Code == DhcpV4MudUrlOption)
                (value ??= []).AddRange(option.Value);
        }
        if (value is not null)
            Add(MudUrlChannel.DhcpV4, value.ToArray(), chaddr, p.Source, number);
    }

    private void ObserveDhcpV6(ReadOnlySpan<byte> message, in DecodedPacket p, long number)
    {
        // Relay messages (12, 13) carry the client's message inside an option: not read.
        if (message.Length < 4 || message[0] is 12 or 13)
            return;
        foreach (var option in DhcpOptionReader.V6(message))
        {
            if (option.Code == DhcpV6MudUrlOption)
                Add(MudUrlChannel.DhcpV6, option.Value.ToArray(), p.SourceMac, p.Source, number);
        }
    }

    private void ObserveLldp(ReadOnlySpan<byte> lldpdu, in DecodedPacket p, long number)
    {
        foreach (var tlv in new LldpTlvReader(lldpdu))
        {
            var value = tlv.Value;
            if (tlv.Type == LldpTlvReader.TypeOrganizationSpecific && value.Length >= 4 && value[0] == 0x00 && value[1] == 0x00 && value[2] == 0x5E && value[3] == 1)
                Add(MudUrlChannel.Lldp, value[4..].ToArray(), p.SourceMac, IpAddr.None, number);
        }
    }

    private void Add(MudUrlChannel channel, byte[] mudString, MacAddr mac, IpAddr ip, long number)
    {
        var problems = new List<string>();
        if (mudString.Length == 0)
            problems.Add("the MUD string is empty");
        if (mudString.Length > MaxMudStringOctets)
            problems.Add($"the MUD string is {mudString.Length} octets; RFC 8520 allows at most {MaxMudStringOctets}");
        // MUDstring = mudurl [" " reserved]; the reserved part is ignored.
        var space = Array.IndexOf(mudString, (byte)' ');
        var urlBytes = space >= 0 ? mudString[..space] : mudString;
        var url = Printable(urlBytes);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            problems.Add("not an absolute URL");
        else if (uri.Scheme != Uri.UriSchemeHttps)
            problems.Add($"the URL uses {uri.Scheme}, not https (RFC 8520: MUD URLs MUST use https)");
        if (_sightings.Count >= MaxSightings || !_seen.Add((channel, url, mac, ip)))
            return;
        _sightings.Add(new MudUrlSighting(channel, url, mac, ip, number, problems));
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
            text.Append(b is >= 0x21 and < 0x7F ? (char)b : '?');
        return text.ToString();
    }
}
