using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Capture;
using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Flows;
using IoTopia.Certify.Wire.Frames;
using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>What ACE matching needs beyond the flow: the MUD file (its URL for same-manufacturer and my-controller), the lab's settings, the capture's names and the other Things' MUD URLs.</summary>
internal sealed record MatchContext(MudFile Mud, CheckSettings Settings, CaptureAnalysis Capture)
{
    public IReadOnlyList<string> UrlsOf(IpAddr address) =>
        Capture.ThingUrls.TryGetValue(address, out var urls) ? urls : [];

    public static string? Authority(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host.ToLowerInvariant() : null;
}
