using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>
/// One request the update server answered, and every byte of the answer: the offer and behaviour, the status,
/// the size declared (Content-Length, or the artefact's size when none is declared), the bytes sent and their
/// SHA-256, how long it took and how it ended (status 0: none was sent, e.g. a hang); a bit-flip's bit, a trickle's achieved rate, when the last write went through.
/// </summary>
public sealed record UpdateServed
{
    public required DateTimeOffset Time { get; init; }

    /// <summary>The scenario the request came in (how many resets came before it): a response a reset cut belongs to the scenario before.</summary>
    public required long Scenario { get; init; }
    public required IPEndPoint Client { get; init; }
    public string? Sni { get; init; }
    public required string Host { get; init; }
    public required string Path { get; init; }
    public required string Method { get; init; }
    public int? Offer { get; init; }
    public string? Label { get; init; }
    public UpdateBehaviourKind? Behaviour { get; init; }
    public int? ReplayOf { get; init; }
    public required int Status { get; init; }
    public long? DeclaredSize { get; init; }
    public required long BytesSent { get; init; }
    public required string Sha256Sent { get; init; }
    public required TimeSpan Duration { get; init; }
    public required UpdateEnding Ending { get; init; }
    public long? FlippedBit { get; init; }
    public double? BytesPerSecond { get; init; }

    /// <summary>When, after the request, the last write was accepted: where a client that stops reading stopped.</summary>
    public TimeSpan? LastWriteAfter { get; init; }

    /// <summary>Why it ended the way it did, when that needs words (a cap, a reset, too many responses at once).</summary>
    public string? Note { get; init; }
}
