using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Reads RFC 9472's <c>ietf-mud-transparency:transparency</c> augmentation of the mud container.</summary>
internal static class TransparencyReader
{
    public const string Member = "ietf-mud-transparency:transparency";

    // The draft examples used the YANG prefix instead of the module name; RFC 7951 wants the module name.
    private const string PrefixedMember = "mudtx:transparency";

    private static readonly string[] LocalTypes = ["http", "https", "coap", "coaps"];

    public static MudTransparency? Read(ObjectReader mud)
    {
        var name = mud.Has(Member) ? Member : PrefixedMember;
        var node = mud.Take(name);
        if (node is not null && name == PrefixedMember)
        {
            mud.Sink.Warning("module-prefix", node.Location,
                $"{PrefixedMember} uses the YANG prefix; RFC 7951 qualifies member names with the module name: {Member} (accepted)");
        }
        if (ObjectReader.For(node, "transparency", mud.Sink) is not { } t)
            return null;
        var result = new MudTransparency
        {
            Location = t.Location,
            Sboms = Sboms(t),
            SbomLocalWellKnown = LocalWellKnown(t),
            SbomContactUri = t.Uri("sbom-contact-uri"),
            SbomArchiveList = t.Uri("sbom-archive-list") ?? t.Uri("archive-list"),
            VulnUrls = VulnUrls(t),
            VulnContactUri = t.Uri("vuln-contact-uri") ?? t.Uri("contact-uri"),
        };
        var methods = (result.Sboms.Count > 0 ? 1 : 0) + (result.SbomLocalWellKnown is null ? 0 : 1) + (result.SbomContactUri is null ? 0 : 1);
        if (methods > 1)
            mud.Sink.Error("yang-choice", t.Location, "transparency gives more than one sbom-retrieval-method (sboms, sbom-local-well-known, sbom-contact-uri); RFC 9472 makes them a choice");
        t.WarnUnread("transparency");
        return result;
    }

    private static IReadOnlyList<SbomLocation> Sboms(ObjectReader t)
    {
        var sboms = new List<SbomLocation>();
        foreach (var item in Leaf.Array(t.Take("sboms"), "sboms", t.Sink))
        {
            if (ObjectReader.For(item, "an sboms entry", t.Sink) is not { } entry)
                continue;
            var version = Leaf.String(entry.Mandatory("version-info"), "version-info", t.Sink);
            var url = entry.Uri("sbom-url");
            if (version is not null)
                sboms.Add(new SbomLocation(version, url));
            entry.WarnUnread("an sboms entry");
        }
        return sboms;
    }

    private static string? LocalWellKnown(ObjectReader t)
    {
        var node = t.Take("sbom-local-well-known");
        var value = Leaf.Identity(node, "sbom-local-well-known", "ietf-mud-transparency", t.Sink);
        if (value is null || LocalTypes.Contains(value))
            return value;
        t.Sink.Error("yang-type", node!.Location, $"sbom-local-well-known is {Quoted.Of(value)}; RFC 9472 defines http, https, coap and coaps");
        return null;
    }

    private static IReadOnlyList<string> VulnUrls(ObjectReader t)
    {
        var node = t.Take("vuln-url");
        if (node is JArray array)
            return array.Items.Select(i => Leaf.Uri(i, "vuln-url", t.Sink)).OfType<string>().ToList();
        return Leaf.Uri(node, "vuln-url", t.Sink) is { } one ? [one] : [];
    }
}
