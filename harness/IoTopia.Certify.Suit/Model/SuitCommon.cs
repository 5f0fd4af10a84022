using IoTopia.Certify.Suit.Cbor;

namespace IoTopia.Certify.Suit.Model;

/// <summary>suit-common: the components (each a list of byte strings) and the shared sequence.</summary>
public sealed record SuitCommon(IReadOnlyList<IReadOnlyList<byte[]>> Components, SuitCommandSequence? SharedSequence, CborValue Wrapped);
