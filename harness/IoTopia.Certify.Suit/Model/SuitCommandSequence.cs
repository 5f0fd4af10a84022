using IoTopia.Certify.Suit.Cbor;

namespace IoTopia.Certify.Suit.Model;

/// <summary>A SUIT_Command_Sequence (bstr .cbor [+ command, argument]) with the bstr it was embedded in.</summary>
public sealed record SuitCommandSequence(IReadOnlyList<SuitCommand> Commands, CborValue Wrapped);
