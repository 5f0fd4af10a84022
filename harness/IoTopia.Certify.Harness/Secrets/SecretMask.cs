using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoTopia.Certify.Harness.Secrets;

/// <summary>
/// Masks a run's secrets wherever they would be written into the run folder: each secret as text, as UTF-8 in
/// hexadecimal (either case), in base64 (at each of the three byte alignments a secret can have inside a longer
/// base64 text), URL-escaped and JSON-escaped. Every character of a match becomes '*' except line breaks, so
/// offsets, sizes and line numbers stay what they were.
/// </summary>
public sealed class SecretMask
{
    public const char Masked = '*';

    private readonly string[] _textForms;
    private readonly string[] _serializedForms;
    private readonly byte[][] _byteForms;

    /// <summary>
    /// The byte forms as Latin-1 text (one character per byte): bytes seen as Latin-1 are searched for all forms in
    /// one pass, which costs about as much as searching for one.
    /// </summary>
    private readonly string[] _latin1Forms;
    private readonly SearchValues<string> _latin1Search;

    public SecretMask(IEnumerable<string> secrets)
    {
        var values = secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        _textForms = [.. values.SelectMany(TextForms).Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length)];
        _serializedForms = [.. _textForms.Concat(_textForms.Select(f => JsonEncodedText.Encode(f).ToString())).Distinct(StringComparer.Ordinal)];
        _byteForms = [.. _textForms.Select(Encoding.UTF8.GetBytes)];
        _latin1Forms = [.. _byteForms.Select(Encoding.Latin1.GetString)];
        _latin1Search = SearchValues.Create(_latin1Forms, StringComparison.Ordinal);
        Count = values.Count;
    }

    public static SecretMask None { get; } = new([]);

    /// <summary>How many distinct secrets are masked.</summary>
    public int Count { get; }

    public bool IsEmpty => Count == 0;

    public string Mask(string text)
    {
        foreach (var form in _textForms)
        {
            var at = text.IndexOf(form, StringComparison.Ordinal);
            if (at < 0)
                continue;
            var chars = text.ToCharArray();
            for (; at >= 0; at = text.IndexOf(form, at + form.Length, StringComparison.Ordinal))
            {
                for (var i = at; i < at + form.Length; i++)
                    chars[i] = chars[i] is '\r' or '\n' ? chars[i] : Masked;
            }
            text = new string(chars);
        }
        return text;
    }

    /// <summary>Masks every string value in a JSON tree (not property names) in place.</summary>
    public void MaskStrings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    if (o[name] is JsonValue v && v.TryGetValue<string>(out var s))
                        o[name] = Mask(s);
                    else
                        MaskStrings(o[name]);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s))
                        a[i] = Mask(s);
                    else
                        MaskStrings(a[i]);
                }
                break;
        }
    }

    /// <summary>JSON text with every string value masked; the text itself when it holds no secret.</summary>
    public string MaskJson(string json, JsonSerializerOptions options)
    {
        if (IsEmpty || !Touches(json))
            return json;
        var node = JsonNode.Parse(json);
        MaskStrings(node);
        return node?.ToJsonString(options) ?? json;
    }

    /// <summary>True when serialized JSON may hold a secret (as it is, or with the serializer's escapes).</summary>
    public bool Touches(string serialized) => _serializedForms.Any(f => serialized.Contains(f, StringComparison.Ordinal));

    /// <summary>Masks every complete occurrence in place (overlapping ones too); returns whether there was one.</summary>
    public bool MaskInPlace(Span<byte> bytes)
    {
        if (IsEmpty)
            return false;
        var rented = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var text = rented.AsSpan(0, Encoding.Latin1.GetChars(bytes, rented));
            var any = false;
            for (var at = text.IndexOfAny(_latin1Search); at >= 0;)
            {
                any = true;
                var length = LongestFormAt(text[at..]);
                foreach (ref var b in bytes.Slice(at, length))
                    b = b is (byte)'\r' or (byte)'\n' ? b : (byte)Masked;
                var next = text[(at + 1)..].IndexOfAny(_latin1Search);
                at = next < 0 ? -1 : at + 1 + next;
            }
            return any;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private int LongestFormAt(ReadOnlySpan<char> text)
    {
        foreach (var form in _latin1Forms) // longest first
        {
            if (text.StartsWith(form, StringComparison.Ordinal))
                return form.Length;
        }
        throw new InvalidOperationException("a form was found where none starts");
    }

    /// <summary>True when some form occurs in <paramref name="bytes"/>.</summary>
    public bool Occurs(ReadOnlySpan<byte> bytes)
    {
        if (IsEmpty)
            return false;
        var rented = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            return rented.AsSpan(0, Encoding.Latin1.GetChars(bytes, rented)).IndexOfAny(_latin1Search) >= 0;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>The length of the longest end of <paramref name="bytes"/> that begins some form: it may complete in the next write.</summary>
    public int OpenTail(ReadOnlySpan<byte> bytes)
    {
        var longest = 0;
        foreach (var form in _byteForms)
        {
            var window = bytes[^Math.Min(form.Length - 1, bytes.Length)..];
            // where the form's first byte occurs in the window, earliest first: the earliest that begins the form is the longest end
            for (var at = window.IndexOf(form[0]); at >= 0 && window.Length - at > longest;)
            {
                if (form.AsSpan().StartsWith(window[at..]))
                {
                    longest = window.Length - at;
                    break;
                }
                var next = window[(at + 1)..].IndexOf(form[0]);
                at = next < 0 ? -1 : at + 1 + next;
            }
        }
        return longest;
    }

    /// <summary>A masker for one stream of bytes written in pieces (an evidence file).</summary>
    public StreamMask ForStream() => new(this);

    private static IEnumerable<string> TextForms(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        yield return secret;
        yield return JsonEncodedText.Encode(secret).ToString();
        yield return JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        yield return Uri.EscapeDataString(secret);
        yield return Convert.ToHexStringLower(bytes);
        yield return Convert.ToHexString(bytes);
        for (var shift = 0; shift < 3; shift++)
        {
            var core = Base64Core(bytes, shift);
            yield return core;
            yield return core.Replace('+', '-').Replace('/', '_'); // base64url
        }
    }

    /// <summary>
    /// The base64 characters that depend on the secret's bytes alone when it starts <paramref name="shift"/> bytes
    /// into a 3-byte group: what any base64 text containing the secret at that alignment contains.
    /// </summary>
    private static string Base64Core(byte[] secret, int shift)
    {
        var padded = new byte[shift + secret.Length];
        secret.CopyTo(padded, shift);
        var text = Convert.ToBase64String(padded);
        var first = (8 * shift + 5) / 6;
        var end = 8 * (shift + secret.Length) / 6;
        return text[first..end];
    }
}
