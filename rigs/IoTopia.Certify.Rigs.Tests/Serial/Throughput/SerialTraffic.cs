using System.Globalization;
using System.Text;

namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>
/// Seeded console-like output: lines <c>NNNNNNNN payload\r\n</c> with a running sequence number and a
/// printable payload of varying length, cut to an exact byte count. The sequence number of any offset
/// says which line a lost or reordered byte belongs to.
/// </summary>
internal sealed class SerialTraffic
{
    public const int SequenceDigits = 8;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,:;-_=+/()[]#%";

    private readonly long[] _lineStarts;

    private SerialTraffic(byte[] bytes, long[] lineStarts)
    {
        Bytes = bytes;
        _lineStarts = lineStarts;
    }

    public byte[] Bytes { get; }

    public int Lines => _lineStarts.Length;

    public static SerialTraffic Generate(int seed, int length)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        var starts = new List<long>();
        var line = new StringBuilder(160);
        var position = 0;
        for (long sequence = 0; position < length; sequence++)
        {
            line.Clear();
            line.Append(sequence.ToString("D" + SequenceDigits, CultureInfo.InvariantCulture)).Append(' ');
            var payload = random.Next(16, 113);
            for (var i = 0; i < payload; i++)
                line.Append(Alphabet[random.Next(Alphabet.Length)]);
            line.Append("\r\n");
            starts.Add(position);
            var encoded = Encoding.ASCII.GetBytes(line.ToString());
            var take = Math.Min(encoded.Length, length - position);
            encoded.AsSpan(0, take).CopyTo(bytes.AsSpan(position));
            position += take;
        }
        return new SerialTraffic(bytes, [.. starts]);
    }

    /// <summary>The sequence number of the line holding the byte at <paramref name="offset"/>.</summary>
    public long SequenceAt(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, Bytes.LongLength);
        var index = Array.BinarySearch(_lineStarts, offset);
        return index >= 0 ? index : ~index - 1;
    }
}
