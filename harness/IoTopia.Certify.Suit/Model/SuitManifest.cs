using System.Numerics;
using IoTopia.Certify.Suit.Cbor;

namespace IoTopia.Certify.Suit.Model;

/// <summary>The SUIT_Manifest: version, sequence number (anti-rollback), common, reference URI and the command sequences.</summary>
public sealed record SuitManifest(BigInteger Version, BigInteger SequenceNumber, SuitCommon Common, string? ReferenceUri, IReadOnlyList<SuitManifestMember> Members, CborValue Tree)
{
    public SuitManifestMember? Member(int key) => Members.FirstOrDefault(m => m.Key == key);
}
