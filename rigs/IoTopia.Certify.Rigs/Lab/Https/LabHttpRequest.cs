using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>
/// A request to the lab HTTPS host, read in full within the limits: who sent it, to which name (TLS
/// SNI and Host), the method, path and clipped headers, the body and the client certificate if any.
/// </summary>
public sealed record LabHttpRequest
{
    public required DateTimeOffset Time { get; init; }
    public required IPEndPoint Client { get; init; }
    public required IPEndPoint Local { get; init; }

    /// <summary>The TLS server name the client asked for, or null.</summary>
    public string? Sni { get; init; }

    /// <summary>The host the request is for (Host header, else SNI, else the plan's name of the local address), lower case.</summary>
    public required string HostName { get; init; }

    public required string Method { get; init; }
    public required string Path { get; init; }
    public string Query { get; init; } = "";
    public required string Protocol { get; init; }

    /// <summary>Header names and values, clipped, in order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>The Content-Length the client declared, if any (the body may be shorter when it was refused).</summary>
    public long? ContentLength { get; init; }

    /// <summary>The body as read (within the host's limit). In <see cref="LabHttpsHost.Requests"/> it is cut to <see cref="LabHttpsOptions.ObservedBodyBytes"/>; <see cref="BodySize"/> and <see cref="BodySha256"/> are of the whole.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    public required long BodySize { get; init; }
    public required string BodySha256 { get; init; }

    public ClientCertificateInfo? ClientCertificate { get; init; }
}
