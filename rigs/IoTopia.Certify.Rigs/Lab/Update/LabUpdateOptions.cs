namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>The update server's own bounds: nothing a scenario or a client does makes it hold more.</summary>
public sealed record LabUpdateOptions
{
    /// <summary>The most an endless response sends before the service cuts it.</summary>
    public long EndlessCapBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Responses served at once; past it a request gets 503 (a client opening many connections).</summary>
    public int MaxConcurrentResponses { get; init; } = 64;

    /// <summary>Offers kept per path in a scenario (the history replays draw from).</summary>
    public int MaxOffersPerPath { get; init; } = 64;

    /// <summary>Bytes written at a time.</summary>
    public int ChunkBytes { get; init; } = 16 * 1024;

    /// <summary>Served responses kept in memory for steps (the evidence file has all).</summary>
    public int ObservedResponses { get; init; } = 2000;
}
