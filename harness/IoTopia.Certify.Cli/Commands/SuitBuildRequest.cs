using System.Security.Cryptography;
using System.Text.Json;
using IoTopia.Certify.Suit.Encoding;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>
/// The parameters file of <c>certify suit build</c> (JSON, keys as the draft names them):
/// <c>sequence-number</c>, <c>vendor-id</c> and <c>class-id</c> (UUIDs), <c>component</c> (hex parts, default <c>["00"]</c>),
/// either <c>image</c> (a file, relative to the parameters file: its SHA-256 and size) or <c>image-digest</c> (hex) with <c>image-size</c>,
/// and optionally <c>uri</c> (adds the install sequence: fetch and check) and <c>invoke</c> (adds the invoke sequence).
/// Every other key is an error (exit 3).
/// </summary>
public static class SuitBuildRequest
{
    private const long MaxParametersBytes = 64 * 1024;
    private const long MaxImageBytes = 1L << 30;

    private static readonly HashSet<string> Keys = ["sequence-number", "vendor-id", "class-id", "component", "image", "image-digest", "image-size", "uri", "invoke"];

    public static SuitManifestParameters Read(string path)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(SuitInspectCommand.Read(path, MaxParametersBytes), new JsonDocumentOptions { MaxDepth = 8 });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new SuitInputException($"{path}: not JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new SuitInputException($"{path}: the parameters are a JSON object");
        foreach (var property in root.EnumerateObject())
        {
            if (!Keys.Contains(property.Name))
                throw new SuitInputException($"{path}: unknown key '{property.Name}' (known: {string.Join(", ", Keys)})");
        }
        var (digest, size) = Image(root, path);
        return new SuitManifestParameters
        {
            SequenceNumber = Get(root, "sequence-number", path, e => e.GetUInt64(), "an unsigned integer"),
            VendorId = Uuid(root, "vendor-id", path),
            ClassId = Uuid(root, "class-id", path),
            Component = Optional(root, "component") is { } component
                ? Get(root, "component", path, e => e.EnumerateArray().Select(p => Convert.FromHexString(p.GetString()!)).ToList(), "a list of hex strings")
                : [[0x00]],
            ImageDigest = digest,
            ImageSize = size,
            Uri = Optional(root, "uri") is not null ? Get(root, "uri", path, e => e.GetString()!, "a string") : null,
            Invoke = Optional(root, "invoke") is not null && Get(root, "invoke", path, e => e.GetBoolean(), "true or false"),
        };
    }

    private static (byte[] Digest, ulong Size) Image(JsonElement root, string path)
    {
        if (Optional(root, "image") is not null)
        {
            if (Optional(root, "image-digest") is not null || Optional(root, "image-size") is not null)
                throw new SuitInputException($"{path}: give 'image' or 'image-digest' with 'image-size', not both");
            var image = Get(root, "image", path, e => e.GetString()!, "a file name");
            var full = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, image);
            var bytes = SuitInspectCommand.Read(full, MaxImageBytes);
            return (SHA256.HashData(bytes), (ulong)bytes.Length);
        }
        var digest = Get(root, "image-digest", path, e => Convert.FromHexString(e.GetString()!), "64 hex digits");
        if (digest.Length != 32)
            throw new SuitInputException($"{path}: 'image-digest' is a SHA-256: 64 hex digits, not {digest.Length * 2}");
        return (digest, Get(root, "image-size", path, e => e.GetUInt64(), "an unsigned integer"));
    }

    private static byte[] Uuid(JsonElement root, string key, string path) =>
        SuitManifestParameters.UuidBytes(Get(root, key, path, e => Guid.Parse(e.GetString()!), "a UUID (e.g. fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe)"));

    private static JsonElement? Optional(JsonElement root, string key) => root.TryGetProperty(key, out var value) ? value : null;

    private static T Get<T>(JsonElement root, string key, string path, Func<JsonElement, T> read, string what)
    {
        if (!root.TryGetProperty(key, out var value))
            throw new SuitInputException($"{path}: '{key}' is missing ({what})");
        try
        {
            return read(value);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new SuitInputException($"{path}: '{key}' must be {what}", e);
        }
    }
}
