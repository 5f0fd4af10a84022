namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>How an offer is served on the wire.</summary>
public enum UpdateBehaviourKind
{
    /// <summary>The artefact as is.</summary>
    Genuine,

    /// <summary>The artefact with one bit flipped (at a given bit, or one a seed picks).</summary>
    BitFlip,

    /// <summary>The full size declared, the first N bytes sent, then the connection closed.</summary>
    Truncate,

    /// <summary>The artefact, then data past its size without end, until the client stops or the service's cap or deadline.</summary>
    Endless,

    /// <summary>The artefact at N bytes a second.</summary>
    Trickle,

    /// <summary>A 4xx or 5xx status instead of the artefact.</summary>
    Status,

    /// <summary>The request accepted and never answered, until the deadline or a reset.</summary>
    Hang,

    /// <summary>An earlier offer at the same path served again (a stale manifest after a newer one: freeze).</summary>
    Replay,
}
