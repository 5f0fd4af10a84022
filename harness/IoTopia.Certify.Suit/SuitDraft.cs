namespace IoTopia.Certify.Suit;

/// <summary>The draft this codec implements, and the bounds it holds untrusted envelopes to.</summary>
public static class SuitDraft
{
    /// <summary>draft-ietf-suit-manifest-37: the revision of the shared vectors (suit-wg/manifest-spec examples).</summary>
    public const int Revision = 37;

    public const string Name = "draft-ietf-suit-manifest-37";

    /// <summary>CBOR tag of SUIT_Envelope_Tagged.</summary>
    public const ulong EnvelopeTag = 107;

    /// <summary>Largest envelope read (integrated payloads included).</summary>
    public const int MaxEnvelopeBytes = 16 * 1024 * 1024;

    /// <summary>Deepest CBOR nesting, counting embedded (bstr .cbor) levels.</summary>
    public const int MaxDepth = 32;
}
