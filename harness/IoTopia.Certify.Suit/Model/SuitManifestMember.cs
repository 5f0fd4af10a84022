using IoTopia.Certify.Suit.Cbor;

namespace IoTopia.Certify.Suit.Model;

/// <summary>
/// A command sequence or the text of the manifest. A severable member is either in the manifest (<see cref="Wrapped"/>)
/// or severed: the manifest holds only its <see cref="SeveredDigest"/> and the envelope may carry the element.
/// </summary>
public sealed record SuitManifestMember(int Key, string Name, SuitDigest? SeveredDigest, SuitCommandSequence? Sequence, CborValue? Text, CborValue? Wrapped)
{
    public bool IsSevered => SeveredDigest is not null;
}
