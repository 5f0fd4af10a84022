using System.Globalization;
using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Reads an <c>eth</c> match: MAC addresses and masks, ethertype (a number or an ietf-ethertypes name).</summary>
internal static class EthMatchReader
{
    private static readonly IReadOnlySet<string> NoneKnown = new HashSet<string>();

    public static EthMatch Read(ObjectReader eth, UnmodelledMatches unmodelled)
    {
        var match = new EthMatch
        {
            Location = eth.Location,
            DestinationMac = Mac(eth, "destination-mac-address"),
            DestinationMacMask = Mac(eth, "destination-mac-address-mask"),
            SourceMac = Mac(eth, "source-mac-address"),
            SourceMacMask = Mac(eth, "source-mac-address-mask"),
            Ethertype = Ethertype(eth),
        };
        unmodelled.Collect(eth, "eth", NoneKnown);
        return match;
    }

    private static string? Mac(ObjectReader eth, string name)
    {
        var node = eth.Take(name);
        if (Leaf.String(node, name, eth.Sink) is not { } text)
            return null;
        var mac = YangTypes.MacAddress(text);
        if (mac is null)
            eth.Sink.Error("yang-type", node!.Location, $"{name} {Quoted.Of(text)} is not a MAC address (six hex pairs separated by colons)");
        return mac;
    }

    private static int? Ethertype(ObjectReader eth)
    {
        var node = eth.Take("ethertype");
        if (node is JValue { Kind: JValueKind.Number })
            return Leaf.Integer(node, "ethertype", ushort.MaxValue, eth.Sink);
        if (Leaf.String(node, "ethertype", eth.Sink) is not { } text)
            return null;
        if (Ethertypes.ByName.TryGetValue(text, out var named))
            return named;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && text.Length is > 2 and <= 6
            && int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            eth.Sink.Warning("ethertype-hex-string", node!.Location,
                $"ethertype {Quoted.Of(text)} is a hex string; RFC 8519 writes a number ({hex}) or a name such as ipv4 (accepted as 0x{hex:x4})");
            return hex;
        }
        eth.Sink.Error("yang-type", node!.Location, $"ethertype {Quoted.Of(text)} is neither a number nor an ietf-ethertypes name");
        return null;
    }
}
