using System.Numerics;
using IoTopia.Certify.Suit.Cbor;

namespace IoTopia.Certify.Suit.Decoding;

/// <summary>Shape checks on decoded items: each failure is a <see cref="SuitFormatException"/> at the item's offset.</summary>
internal static class Expect
{
    public static CborValue Kind(CborValue value, CborKind kind, string path, string what)
    {
        if (value.Kind != kind)
            throw new SuitFormatException(path, value.Offset, $"{what} must be a CBOR {Describe(kind)}, not a {Describe(value.Kind)}");
        return value;
    }

    /// <summary>A bstr .cbor: the byte string's content decoded as one item, offsets still in the file.</summary>
    public static CborValue Embedded(CborValue wrapper, string path, string what, int depth)
    {
        Kind(wrapper, CborKind.ByteString, path, what);
        var headerLength = wrapper.Encoded.Length - wrapper.Bytes.Length;
        if (headerLength < 1)
            throw new SuitFormatException(path, wrapper.Offset, $"{what} must be a definite-length byte string");
        return CborTreeReader.Read(wrapper.Encoded[headerLength..], wrapper.Offset + headerLength, path, depth + 1);
    }

    public static int SmallInteger(CborValue value, string path, string what)
    {
        Kind(value, CborKind.Integer, path, what);
        if (value.Integer < int.MinValue || value.Integer > int.MaxValue)
            throw new SuitFormatException(path, value.Offset, $"{what} {value.Integer} is out of range");
        return (int)value.Integer;
    }

    public static BigInteger Unsigned(CborValue value, string path, string what)
    {
        Kind(value, CborKind.Integer, path, what);
        if (value.Integer.Sign < 0)
            throw new SuitFormatException(path, value.Offset, $"{what} must not be negative");
        return value.Integer;
    }

    /// <summary>The entries of a map whose keys are all integers, each key once.</summary>
    public static IEnumerable<(int Key, CborValue KeyItem, CborValue Value)> IntegerKeyed(CborValue map, string path, string what)
    {
        Kind(map, CborKind.Map, path, what);
        foreach (var (key, value) in map.Entries)
        {
            if (key.Kind != CborKind.Integer)
                throw new SuitFormatException(path, key.Offset, $"{what} has a key that is not an integer ({Describe(key.Kind)})");
            yield return (SmallInteger(key, path, $"{what} key"), key, value);
        }
    }

    public static string Describe(CborKind kind) => kind switch
    {
        CborKind.ByteString => "byte string",
        CborKind.TextString => "text string",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
