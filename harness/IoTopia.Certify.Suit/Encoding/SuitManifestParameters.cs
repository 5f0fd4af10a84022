namespace IoTopia.Certify.Suit.Encoding;

/// <summary>
/// What a single-image manifest says (the shape of the draft's examples 0 and 1): one component, its vendor and class
/// identifiers (RFC 4122 UUID bytes), the image's SHA-256 and size, an optional URI to fetch it from (adds the install
/// sequence), and whether to invoke it (adds the invoke sequence). Change one field with <c>with</c> to build a mutant
/// (an older sequence number, another class) and sign it with any key.
/// </summary>
public sealed record SuitManifestParameters
{
    public ulong SequenceNumber { get; init; }

    public required byte[] VendorId { get; init; }

    public required byte[] ClassId { get; init; }

    public required byte[] ImageDigest { get; init; }

    public ulong ImageSize { get; init; }

    public IReadOnlyList<byte[]> Component { get; init; } = [[0x00]];

    public string? Uri { get; init; }

    public bool Invoke { get; init; }

    /// <summary>The 16 bytes of a UUID in network byte order (as the manifest carries vendor and class IDs).</summary>
    public static byte[] UuidBytes(Guid uuid) => uuid.ToByteArray(bigEndian: true);
}
