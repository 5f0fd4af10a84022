namespace IoTopia.Certify.Mud;

/// <summary>Bounds on what a (hostile) MUD file may cost. Real MUD files are tens of kilobytes and about ten levels deep.</summary>
public sealed record MudLimits
{
    public int MaxBytes { get; init; } = 1024 * 1024;

    public int MaxDepth { get; init; } = 32;

    public int MaxNodes { get; init; } = 200_000;

    public int MaxProblems { get; init; } = 500;

    public static MudLimits Default { get; } = new();
}
