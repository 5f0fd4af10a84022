namespace IoTopia.Certify.Mud.Model;

/// <summary>The <c>eth</c> match of an ACE. MAC addresses are normalised to lower case with colons.</summary>
public sealed record EthMatch
{
    public string? DestinationMac { get; init; }

    public string? DestinationMacMask { get; init; }

    public string? SourceMac { get; init; }

    public string? SourceMacMask { get; init; }

    public int? Ethertype { get; init; }

    public required SourceLocation Location { get; init; }
}
