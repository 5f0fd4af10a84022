using System.Text.Json.Nodes;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>What one way of reading the DUT's MUD URL gave: whether the rig has it, whether the DUT showed up on it, the URLs, and a note.</summary>
public sealed record ChannelLook(string Name, bool Available, bool Observed, IReadOnlyList<EmittedMudUrl> Urls, string Note)
{
    /// <summary>The DUT sent DHCP on this channel (with or without option 161): it has shown whether it announces a MUD URL there.</summary>
    public bool SpokeDhcp { get; init; }

    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["available"] = Available,
        ["observed"] = Observed,
        ["urls"] = Urls.Count,
        ["note"] = Note,
    };

    public static ChannelLook Unavailable(string name, string why) => new(name, false, false, [], why);
}
