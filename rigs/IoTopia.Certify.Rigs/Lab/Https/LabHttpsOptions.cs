namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>Limits and listening choices of the lab HTTPS host. Every read from the device is bounded.</summary>
public sealed record LabHttpsOptions
{
    /// <summary>Listen on every name address of the plan (.10–.99) besides the lab address, so any name the resolver hands out is served.</summary>
    public bool ListenOnNameAddresses { get; init; } = true;

    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Bodies up to this size are kept in the evidence line (base64); larger ones by size and SHA-256 only.</summary>
    public int SavedBodyBytes { get; init; } = 4096;

    /// <summary>How much of each body the in-memory request list (for steps) keeps; the evidence line has size and hash.</summary>
    public int ObservedBodyBytes { get; init; } = 16 * 1024;

    /// <summary>How many requests the in-memory list keeps (the evidence file has all).</summary>
    public int ObservedRequests { get; init; } = 2000;

    public int MaxRequestHeadersTotalBytes { get; init; } = 32 * 1024;
    public int MaxRequestHeaderCount { get; init; } = 100;
    public int MaxLoggedHeaders { get; init; } = 64;
    public int HeaderValueLimit { get; init; } = 512;
    public int PathLimit { get; init; } = 2048;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
