namespace IoTopia.Certify.Mud.Model;

/// <summary>What validating one MUD file gives: the model (null when the bytes are not a JSON object), every problem, and the facts worth showing.</summary>
public sealed record MudValidationResult(string File, MudFile? Mud, IReadOnlyList<MudProblem> Problems, IReadOnlyList<MudFact> Facts)
{
    public bool IsValid => Mud is not null && !Problems.Any(p => p.IsError);

    public int ErrorCount => Problems.Count(p => p.IsError);

    public int WarningCount => Problems.Count(p => !p.IsError);
}
