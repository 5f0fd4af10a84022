using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>A fixed answer a scenario gives a host and path: status, content type, extra headers and body (none to HEAD, 204 and 304).</summary>
public sealed record LabCannedResponse
{
    /// <summary>Headers the server manages itself; a canned response may not set them.</summary>
    public static readonly IReadOnlySet<string> ReservedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Trailer", "Date", "Server",
    };

    public required int Status { get; init; }
    public string ContentType { get; init; } = "application/json";
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    public ReadOnlyMemory<byte> Body { get; init; }

    public string BodySha256 => Convert.ToHexStringLower(SHA256.HashData(Body.Span));

    public async Task WriteAsync(LabHttpRequest request, HttpResponse response, CancellationToken ct)
    {
        response.StatusCode = Status;
        foreach (var (name, value) in Headers)
            response.Headers.Append(name, value);
        if (Status is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
            return;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        if (request.Method != HttpMethods.Head)
            await response.Body.WriteAsync(Body, ct);
    }
}
