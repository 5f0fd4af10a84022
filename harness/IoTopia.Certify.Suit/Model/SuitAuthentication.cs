using IoTopia.Certify.Suit.Cbor;

namespace IoTopia.Certify.Suit.Model;

/// <summary>
/// suit-authentication-wrapper: the digest of the manifest (<see cref="DigestWrapped"/>, whose content a signature signs)
/// and the authentication blocks (bstr-wrapped COSE_Sign1 or COSE_Mac0), none in an unsigned envelope.
/// </summary>
public sealed record SuitAuthentication(SuitDigest ManifestDigest, CborValue DigestWrapped, IReadOnlyList<CborValue> Blocks);
