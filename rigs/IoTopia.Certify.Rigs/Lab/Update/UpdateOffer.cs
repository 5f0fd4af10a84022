namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>
/// One offer at a host and path, numbered from 1 per path in the scenario: the artefact it serves (for a
/// replay, the earlier offer's, served as is), the behaviour, and the bit a bit-flip flips (bit 0 is the
/// most significant bit of byte 0).
/// </summary>
public sealed record UpdateOffer
{
    public required int Number { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required string Host { get; init; }
    public required string Path { get; init; }
    public required UpdateArtefact Artefact { get; init; }
    public required UpdateBehaviour Behaviour { get; init; }
    public long? FlippedBit { get; init; }

    /// <summary>The bytes meant for the wire: the artefact, or the artefact with <see cref="FlippedBit"/> flipped.</summary>
    public required ReadOnlyMemory<byte> Bytes { get; init; }
}
