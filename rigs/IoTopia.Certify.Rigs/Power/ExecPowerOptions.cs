using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Power;

/// <summary>Power through shell commands from the rig file: any relay CLI, PDU or lab supply.</summary>
public sealed record ExecPowerOptions : IValidatableArguments
{
    public required string On { get; init; }
    public required string Off { get; init; }

    /// <summary>Prints the power state; without it the state is unknown.</summary>
    public string? Status { get; init; }

    /// <summary>Matched against the status output: on.</summary>
    public string StatusOn { get; init; } = @"(?i)\bon\b";

    /// <summary>Matched against the status output: off.</summary>
    public string StatusOff { get; init; } = @"(?i)\boff\b";

    /// <summary>How long the status may take to show a switch: it is read until it does or this passes.</summary>
    public TimeSpan StatusWithin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline of each command.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(On))
            yield return "on: the command is empty";
        if (string.IsNullOrWhiteSpace(Off))
            yield return "off: the command is empty";
        if (Status is not null && string.IsNullOrWhiteSpace(Status))
            yield return "status: the command is empty";
        if (SerialPatterns.Problem(StatusOn, "status-on") is { } on)
            yield return on;
        if (SerialPatterns.Problem(StatusOff, "status-off") is { } off)
            yield return off;
        if (Timeout <= TimeSpan.Zero)
            yield return "timeout: must be more than 0";
        if (StatusWithin <= TimeSpan.Zero)
            yield return "status-within: must be more than 0";
    }
}
