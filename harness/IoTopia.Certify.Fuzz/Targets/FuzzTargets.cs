namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>The targets by the name given to <c>--target</c>.</summary>
public static class FuzzTargets
{
    public static readonly IReadOnlyList<string> Names = ["mud", "pcap", "yaml", "device", "suit"];

    public static IFuzzTarget Create(string name, string root) => name switch
    {
        "mud" => new MudTarget(),
        "pcap" => new CaptureTarget(root),
        "yaml" => new YamlTarget(root),
        "device" => new DeviceInputTarget(),
        "suit" => new SuitTarget(root),
        _ => throw new ArgumentException($"unknown target '{name}'; known: {string.Join(", ", Names)}"),
    };
}
