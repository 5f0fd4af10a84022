using IoTopia.Certify.Suit.Cbor;

namespace IoTopia.Certify.Suit.Model;

/// <summary>One condition or directive and its argument; <see cref="Nested"/> holds the sequences of try-each and run-sequence.</summary>
public sealed record SuitCommand(int Code, string Name, CborValue Argument, IReadOnlyList<SuitCommandSequence?> Nested);
