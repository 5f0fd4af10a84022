using System.Globalization;

namespace IoTopia.Certify.Rigs.Power;

/// <summary>Byte sequences written in rig files as hex: <c>A0 01 01 A2</c>, <c>a00101a2</c>, <c>0xA0,0x01</c>, <c>A0:01</c>.</summary>
public static class HexBytes
{
    public static byte[] Parse(string text, string what)
    {
        var bytes = new List<byte>();
        foreach (var token in text.Split([' ', ',', ':', '-', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var digits = token.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? token[2..] : token;
            if (digits.Length == 0 || digits.Length % 2 != 0)
                throw new FormatException($"{what}: '{token}' is not whole bytes in hex");
            for (var i = 0; i < digits.Length; i += 2)
            {
                if (!byte.TryParse(digits.AsSpan(i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                    throw new FormatException($"{what}: '{token}' is not hex");
                bytes.Add(b);
            }
        }
        return bytes.Count > 0 ? [.. bytes] : throw new FormatException($"{what}: no bytes given");
    }

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
