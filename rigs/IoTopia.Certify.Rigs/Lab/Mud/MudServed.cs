using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Mud;

/// <summary>One request the lab MUD server answered: what was asked, what was served (or why not), and the bytes' SHA-256.</summary>
public sealed record MudServed
{
    public required DateTimeOffset Time { get; init; }
    public required IPEndPoint Client { get; init; }
    public required string HostName { get; init; }
    public required string Path { get; init; }
    public required string Method { get; init; }
    public required int Status { get; init; }

    /// <summary>"mud-file", "mud-signature", or null when nothing was served (404, 405).</summary>
    public string? Served { get; init; }

    public string? MediaType { get; init; }
    public long Bytes { get; init; }
    public string? Sha256 { get; init; }

    /// <summary>The MUD URL of the client's certificate (id-pe-mud-url), when it presented one.</summary>
    public string? ClientCertificateMudUrl { get; init; }
}
