using System.Numerics;

namespace IoTopia.Certify.Suit.Cbor;

/// <summary>
/// One decoded CBOR item with the byte offset it starts at in the envelope file (embedded items included),
/// and the exact bytes it was encoded as (<see cref="Encoded"/>), which digests are taken over.
/// </summary>
public sealed class CborValue
{
    private CborValue(CborKind kind, long offset) => (Kind, Offset) = (kind, offset);

    public CborKind Kind { get; }

    public long Offset { get; }

    public ReadOnlyMemory<byte> Encoded { get; private set; }

    public BigInteger Integer { get; private init; }

    public byte[] Bytes { get; private init; } = [];

    public string Text { get; private init; } = "";

    public IReadOnlyList<CborValue> Items { get; private init; } = [];

    public IReadOnlyList<KeyValuePair<CborValue, CborValue>> Entries { get; private init; } = [];

    public ulong Tag { get; private init; }

    public double Float { get; private init; }

    public bool Boolean { get; private init; }

    public byte SimpleValue { get; private init; }

    /// <summary>The tagged item of a <see cref="CborKind.Tag"/>.</summary>
    public CborValue Content => Items[0];

    public bool IsInteger(long value) => Kind == CborKind.Integer && Integer == value;

    public static CborValue OfInteger(BigInteger value, long offset) => new(CborKind.Integer, offset) { Integer = value };

    public static CborValue OfBytes(byte[] value, long offset) => new(CborKind.ByteString, offset) { Bytes = value };

    public static CborValue OfText(string value, long offset) => new(CborKind.TextString, offset) { Text = value };

    public static CborValue OfArray(IReadOnlyList<CborValue> items, long offset) => new(CborKind.Array, offset) { Items = items };

    public static CborValue OfMap(IReadOnlyList<KeyValuePair<CborValue, CborValue>> entries, long offset) => new(CborKind.Map, offset) { Entries = entries };

    public static CborValue OfTag(ulong tag, CborValue content, long offset) => new(CborKind.Tag, offset) { Tag = tag, Items = [content] };

    public static CborValue OfBoolean(bool value, long offset) => new(CborKind.Boolean, offset) { Boolean = value };

    public static CborValue OfNull(long offset) => new(CborKind.Null, offset);

    public static CborValue OfUndefined(long offset) => new(CborKind.Undefined, offset);

    public static CborValue OfSimple(byte value, long offset) => new(CborKind.Simple, offset) { SimpleValue = value };

    public static CborValue OfFloat(double value, long offset) => new(CborKind.Float, offset) { Float = value };

    internal CborValue WithEncoding(ReadOnlyMemory<byte> encoded)
    {
        Encoded = encoded;
        return this;
    }
}
