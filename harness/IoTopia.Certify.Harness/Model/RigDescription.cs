namespace IoTopia.Certify.Harness.Model;

/// <summary>A rig file: the bench, its capabilities, its device under test and its driver settings.</summary>
public sealed record RigDescription
{
    public required string Name { get; init; }
    public required string File { get; init; }
    public string Kind { get; init; } = "in-process";
    public string Description { get; init; } = "";
    public IReadOnlyList<string> Capabilities { get; init; } = [];
    public DutDescription Dut { get; init; } = new();
    public bool SupportsPersonalities { get; init; }

    /// <summary>The DUT's conformance statement and assessor decisions, used when the command line names none.</summary>
    public string? Statement { get; init; }

    public string? Decisions { get; init; }

    /// <summary>The rig kind's own reading of the <c>drivers:</c> section.</summary>
    public object? Drivers { get; init; }
}

public sealed record DutDescription
{
    public string Model { get; init; } = "unknown";
    public string Serial { get; init; } = "unknown";
    public string Firmware { get; init; } = "unknown";
}
