using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Ntp;

/// <summary>One datagram the lab's NTP server received, as steps see it: the request and what was sent back, if anything.</summary>
public sealed record NtpExchange
{
    public required DateTimeOffset Time { get; init; }
    public required IPEndPoint Client { get; init; }

    /// <summary>Why the datagram was not an NTP packet (too short); null when it was.</summary>
    public string? Malformed { get; init; }

    /// <summary>The request's header; null when malformed.</summary>
    public NtpRequest? Request { get; init; }

    /// <summary>The transmit time of the answer sent (the served time); null when none was sent.</summary>
    public DateTimeOffset? Served { get; init; }

    /// <summary>Why nothing was sent, or what was served.</summary>
    public string? Reason { get; init; }

    public bool Answered => Served is not null;
}
