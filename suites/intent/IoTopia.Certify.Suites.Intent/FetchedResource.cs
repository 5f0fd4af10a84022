using System.Net;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Text;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// What fetching a MUD URL through the lab gave. <see cref="DeviceProblem"/>: the URL cannot be fetched for
/// a reason that is the DUT's or its manufacturer's (not https, a host the lab resolver refuses);
/// <see cref="LabProblem"/>: the lab failed (no route, TLS to the lab's own host broke). Otherwise the response.
/// </summary>
public sealed record FetchedResource
{
    public required Uri Url { get; init; }
    public IPEndPoint? Server { get; init; }
    public int? Status { get; init; }
    public string? ContentType { get; init; }
    public byte[] Body { get; init; } = [];
    public bool Truncated { get; init; }
    public string? TlsPeer { get; init; }
    public string? DeviceProblem { get; init; }
    public string? LabProblem { get; init; }

    public bool Ok => Status == 200 && DeviceProblem is null && LabProblem is null && !Truncated;

    /// <summary>The media type without parameters, lower case; null when none was sent.</summary>
    public string? MediaType => ContentType?.Split(';')[0].Trim().ToLowerInvariant();

    public JsonObject ToJson() => new()
    {
        ["url"] = DeviceText.Clip(Url.ToString(), 300),
        ["server"] = Server?.ToString(),
        ["status"] = Status,
        ["contentType"] = ContentType is null ? null : DeviceText.Clip(ContentType, 200),
        ["bytes"] = Body.Length,
        ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Body)),
        ["truncated"] = Truncated,
        ["tls"] = TlsPeer,
        ["deviceProblem"] = DeviceProblem,
        ["labProblem"] = LabProblem,
    };
}
