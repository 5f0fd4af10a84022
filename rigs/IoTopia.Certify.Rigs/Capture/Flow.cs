using System.Text.Json.Nodes;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>A flow seen in a capture: when its first and last packets came, and how many and how large.</summary>
public sealed record Flow(FlowKey Key, DateTimeOffset First, DateTimeOffset Last, long Packets, long Bytes)
{
    public JsonObject ToJson() => new()
    {
        ["src"] = Key.Source.ToString(),
        ["dst"] = Key.Destination.ToString(),
        ["proto"] = Key.ProtocolName,
        ["srcPort"] = Key.SourcePort,
        ["dstPort"] = Key.DestinationPort,
        ["first"] = First.ToString("O"),
        ["last"] = Last.ToString("O"),
        ["packets"] = Packets,
        ["bytes"] = Bytes,
    };
}
