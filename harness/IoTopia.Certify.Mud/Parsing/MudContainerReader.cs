using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Reads the leaves of the <c>ietf-mud:mud</c> container (RFC 8520 <c>mud-grouping</c>).</summary>
internal static class MudContainerReader
{
    public const int SystemInfoDisplayLength = 60;

    public static MudFile Read(ObjectReader mud)
    {
        var sink = mud.Sink;
        var extensions = Extensions(mud);
        var file = new MudFile
        {
            Location = mud.Location,
            MudVersion = MudVersion(mud),
            MudUrl = MudUrl(mud),
            LastUpdateText = LastUpdate(mud, out var lastUpdate),
            LastUpdate = lastUpdate,
            MudSignature = mud.Uri("mud-signature"),
            CacheValidityHours = CacheValidity(mud, out var declared),
            CacheValidityDeclared = declared,
            IsSupported = IsSupported(mud),
            SystemInfo = SystemInfo(mud),
            MfgName = mud.String("mfg-name"),
            ModelName = mud.String("model-name"),
            FirmwareRev = mud.String("firmware-rev"),
            SoftwareRev = mud.String("software-rev"),
            Documentation = mud.Uri("documentation"),
            Extensions = extensions,
            FromDevicePolicy = PolicyReader.Read(mud, "from-device-policy"),
            ToDevicePolicy = PolicyReader.Read(mud, "to-device-policy"),
            Transparency = TransparencyReader.Read(mud),
        };
        // A member named like a declared extension belongs to that extension (e.g. "ol"): not ours to judge.
        mud.WarnUnread("the ietf-mud:mud container", name => extensions.Contains(LocalName(name)));
        return file;
    }

    private static int? MudVersion(ObjectReader mud)
    {
        var node = mud.Mandatory("mud-version");
        var version = Leaf.Integer(node, "mud-version", byte.MaxValue, mud.Sink);
        if (version is not null and not 1)
            mud.Sink.Error("mud-version", node!.Location, $"mud-version is {version}; RFC 8520 defines version 1 only");
        return version;
    }

    private static string? MudUrl(ObjectReader mud)
    {
        var node = mud.Mandatory("mud-url");
        var url = Leaf.String(node, "mud-url", mud.Sink);
        if (url is null)
            return null;
        var ok = YangTypes.IsUri(url) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;
        if (!ok)
            mud.Sink.Error("mud-url-https", node!.Location, $"mud-url {Quoted.Of(url)} is not an absolute https URL; RFC 8520 requires the https scheme");
        return url;
    }

    private static string? LastUpdate(ObjectReader mud, out DateTimeOffset? value)
    {
        var node = mud.Mandatory("last-update");
        var text = Leaf.String(node, "last-update", mud.Sink);
        value = text is null ? null : YangTypes.DateAndTime(text);
        if (text is not null && value is null)
        {
            mud.Sink.Error("last-update-format", node!.Location,
                $"last-update {Quoted.Of(text)} is not a yang:date-and-time (RFC 3339 with a time zone, e.g. 2024-06-16T13:05:54Z)");
        }
        return text;
    }

    private static int CacheValidity(ObjectReader mud, out bool declared)
    {
        var node = mud.Take("cache-validity");
        declared = node is not null;
        if (node is null)
            return MudFile.DefaultCacheValidityHours;
        if (node is JValue { Kind: JValueKind.Number } v && long.TryParse(v.Text, out var hours) && hours is < 1 or > 168)
        {
            mud.Sink.Error("cache-validity-range", node.Location, $"cache-validity is {Quoted.Of(v.Text)} hours; RFC 8520 allows 1 to 168");
            return MudFile.DefaultCacheValidityHours;
        }
        return Leaf.Integer(node, "cache-validity", 168, mud.Sink) ?? MudFile.DefaultCacheValidityHours;
    }

    private static bool? IsSupported(ObjectReader mud) => Leaf.Boolean(mud.Mandatory("is-supported"), "is-supported", mud.Sink);

    private static string? SystemInfo(ObjectReader mud)
    {
        var node = mud.Take("systeminfo");
        var text = Leaf.String(node, "systeminfo", mud.Sink);
        if (text is not null && text.EnumerateRunes().Count() > SystemInfoDisplayLength)
        {
            mud.Sink.Warning("systeminfo-length", node!.Location,
                $"systeminfo is {text.EnumerateRunes().Count()} characters; RFC 8520 says it should not exceed {SystemInfoDisplayLength}");
        }
        return text;
    }

    private static IReadOnlyList<string> Extensions(ObjectReader mud)
    {
        var names = new List<string>();
        foreach (var item in Leaf.Array(mud.Take("extensions"), "extensions", mud.Sink))
        {
            if (Leaf.String(item, "an extensions entry", mud.Sink) is not { } name)
                continue;
            if (name.Length is < 1 or > 40)
                mud.Sink.Error("yang-type", item.Location, $"extension name {Quoted.Of(name)} must be 1 to 40 characters long");
            else if (names.Contains(name))
                mud.Sink.Error("yang-type", item.Location, $"extension {Quoted.Of(name)} is listed twice; a leaf-list holds each value once");
            else
                names.Add(name);
        }
        return names;
    }

    public static string LocalName(string member) => member.IndexOf(':') is var colon and >= 0 ? member[(colon + 1)..] : member;
}
