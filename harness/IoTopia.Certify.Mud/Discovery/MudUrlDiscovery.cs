using System.Buffers.Binary;
using System.Text;
using IoTopia.Certify.Mud.Capture;

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

    private readonly List<MudUrlSighting> _sightings = [];
    private readonly HashSet<(MudUrlChannel, string, MacAddr, IpAddr)> _seen = [];

    public IReadOnlyList<MudUrlSighting> Sightings => _sightings;

    /// <summary>Looks at one decoded frame.</summary>
    public void Observe(ReadOnlySpan<byte> frame, in DecodedPacket p, long number)
    {
        if (p.Ethertype == PacketDecoder.EthertypeLldp)
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
        if (bootp.Length < 240 || bootp[0] != 1 || BinaryPrimitives.ReadUInt32BigEndian(bootp[236..]) != 0x63825363)
            return;
        var chaddr = bootp[1] == 1 && bootp[2] == 6 ? MacAddr.From(bootp[28..]) : p.SourceMac;
        var value = new List<byte>();
        var found = false;
        var at = 240;
        while (at < bootp.Length)
        {
            var code = bootp[at];
            if (code == 255)
                break;
            if (code == 0)
            {
                at++;
                continue;
            }
            if (at + 1 >= bootp.Length || at + 2 + bootp[at + 1] > bootp.Length)
                break;
            if (code == 161)
            {
                // RFC 3396: a repeated option is one long option, concatenated.
                found = true;
                value.AddRange(bootp.Slice(at + 2, bootp[at + 1]));
            }
            at += 2 + bootp[at + 1];
        }
        if (found)
            Add(MudUrlChannel.DhcpV4, value.ToArray(), chaddr, p.Source, number);
    }

    private void ObserveDhcpV6(ReadOnlySpan<byte> message, in DecodedPacket p, long number)
    {
        if (message.Length < 4 || message[0] is 12 or 13)
            return;
        var at = 4;
        while (at + 4 <= message.Length)
        {
            var code = BinaryPrimitives.ReadUInt16BigEndian(message[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(message[(at + 2)..]);
            if (at + 4 + length > message.Length)
                break;
            if (code == 112)
                Add(MudUrlChannel.DhcpV6, message.Slice(at + 4, length).ToArray(), p.SourceMac, p.Source, number);
            at += 4 + length;
        }
    }

    private void ObserveLldp(ReadOnlySpan<byte> lldpdu, in DecodedPacket p, long number)
    {
        var at = 0;
        while (at + 2 <= lldpdu.Length)
        {
            var type = lldpdu[at] >> 1;
            var length = ((lldpdu[at] & 1) << 8) | lldpdu[at + 1];
            if (type == 0 || at + 2 + length > lldpdu.Length)
                break;
            var value = lldpdu.Slice(at + 2, length);
            if (type == 127 && length >= 4 && value[0] == 0x00 && value[1] == 0x00 && value[2] == 0x5E && value[3] == 1)
                Add(MudUrlChannel.Lldp, value[4..].ToArray(), p.SourceMac, IpAddr.None, number);
            at += 2 + length;
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
