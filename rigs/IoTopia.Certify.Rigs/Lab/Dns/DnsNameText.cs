using System.Text;

namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>DNS names from the wire as text, and whether a name is a host name the lab will give an address.</summary>
public static class DnsNameText
{
    /// <summary>Master-file style (RFC 1035 §5.1): '.' and '\' inside a label escaped, bytes outside 0x21–0x7E as \DDD. The root is ".".</summary>
    public static string Escape(IReadOnlyList<byte[]> labels)
    {
        if (labels.Count == 0)
            return ".";
        var sb = new StringBuilder();
        for (var i = 0; i < labels.Count; i++)
        {
            if (i > 0)
                sb.Append('.');
            foreach (var b in labels[i])
            {
                if (b is (byte)'.' or (byte)'\\')
                    sb.Append('\\').Append((char)b);
                else if (b is >= 0x21 and <= 0x7E)
                    sb.Append((char)b);
                else
                    sb.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The name as a host name (letters, digits, '-' and '_' in labels of 1–63, at most 253 characters),
    /// lower-cased, or null when it is not one.
    /// </summary>
    public static string? AsHostName(IReadOnlyList<byte[]> labels)
    {
        if (labels.Count == 0)
            return null;
        var sb = new StringBuilder();
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63)
                return null;
            if (sb.Length > 0)
                sb.Append('.');
            foreach (var b in label)
            {
                var c = (char)b;
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                    return null;
                sb.Append(char.ToLowerInvariant(c));
            }
        }
        return sb.Length <= 253 ? sb.ToString() : null;
    }
}
