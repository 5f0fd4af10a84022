using System.Numerics;
using System.Formats.Cbor;

namespace IoTopia.Certify.Suit.Cbor;

/// <summary>
/// Reads exactly one CBOR item (RFC 8949, strict mode: well formed, no duplicate map keys, valid UTF-8) into a
/// <see cref="CborValue"/> tree, bounded in depth. Every problem is a <see cref="SuitFormatException"/> with the byte offset.
/// </summary>
public static class CborTreeReader
{
    /// <param name="data">the encoded item</param>
    /// <param name="baseOffset">where <paramref name="data"/> starts in the file (for embedded items)</param>
    /// <param name="path">the element being read, for errors</param>
    /// <param name="depth">the nesting already used by the enclosing items</param>
    public static CborValue Read(ReadOnlyMemory<byte> data, long baseOffset, string path, int depth = 0)
    {
        var reader = new CborReader(data, CborConformanceMode.Strict, allowMultipleRootLevelValues: false);
        var value = Guarded(reader, data, baseOffset, path, () => ReadItem(reader, data, baseOffset, path, depth));
        if (reader.BytesRemaining > 0)
            throw new SuitFormatException(path, At(reader, data, baseOffset), $"{reader.BytesRemaining} bytes after the end of the item");
        return value;
    }

    private static CborValue ReadItem(CborReader reader, ReadOnlyMemory<byte> data, long baseOffset, string path, int depth)
    {
        if (depth > SuitDraft.MaxDepth)
            throw new SuitFormatException(path, At(reader, data, baseOffset), $"nested deeper than {SuitDraft.MaxDepth} levels");
        var start = data.Length - reader.BytesRemaining;
        var offset = baseOffset + start;
        var state = reader.PeekState();
        CborValue value;
        switch (state)
        {
            case CborReaderState.UnsignedInteger:
                value = CborValue.OfInteger(reader.ReadUInt64(), offset);
                break;
            case CborReaderState.NegativeInteger:
                value = CborValue.OfInteger(-1 - (BigInteger)reader.ReadCborNegativeIntegerRepresentation(), offset);
                break;
            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                value = CborValue.OfBytes(reader.ReadByteString(), offset);
                break;
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                value = CborValue.OfText(reader.ReadTextString(), offset);
                break;
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                var items = new List<CborValue>();
                while (reader.PeekState() != CborReaderState.EndArray)
                    items.Add(ReadItem(reader, data, baseOffset, $"{path}[{items.Count}]", depth + 1));
                reader.ReadEndArray();
                value = CborValue.OfArray(items, offset);
                break;
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                var entries = new List<KeyValuePair<CborValue, CborValue>>();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    var key = ReadItem(reader, data, baseOffset, $"{path}{{key {entries.Count}}}", depth + 1);
                    entries.Add(KeyValuePair.Create(key, ReadItem(reader, data, baseOffset, $"{path}{{{entries.Count}}}", depth + 1)));
                }
                reader.ReadEndMap();
                value = CborValue.OfMap(entries, offset);
                break;
            case CborReaderState.Tag:
                var tag = (ulong)reader.ReadTag();
                value = CborValue.OfTag(tag, ReadItem(reader, data, baseOffset, $"{path}#{tag}", depth + 1), offset);
                break;
            case CborReaderState.Boolean:
                value = CborValue.OfBoolean(reader.ReadBoolean(), offset);
                break;
            case CborReaderState.Null:
                reader.ReadNull();
                value = CborValue.OfNull(offset);
                break;
            case CborReaderState.SimpleValue:
                var simple = (byte)reader.ReadSimpleValue();
                value = simple == 23 ? CborValue.OfUndefined(offset) : CborValue.OfSimple(simple, offset);
                break;
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                value = CborValue.OfFloat(reader.ReadDouble(), offset);
                break;
            default:
                throw new SuitFormatException(path, offset, $"unexpected CBOR {state}");
        }
        var end = data.Length - reader.BytesRemaining;
        return value.WithEncoding(data[start..end]);
    }

    private static CborValue Guarded(CborReader reader, ReadOnlyMemory<byte> data, long baseOffset, string path, Func<CborValue> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw new SuitFormatException(path, At(reader, data, baseOffset), $"not well-formed CBOR: {e.Message}", e);
        }
    }

    private static long At(CborReader reader, ReadOnlyMemory<byte> data, long baseOffset) => baseOffset + data.Length - reader.BytesRemaining;
}
