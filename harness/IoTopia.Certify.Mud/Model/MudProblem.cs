namespace IoTopia.Certify.Mud.Model;

/// <summary>
/// One finding about a MUD file. <see cref="Message"/> and <see cref="Path"/> may quote device-supplied
/// text: escape them for whatever medium shows them.
/// </summary>
public sealed record MudProblem(string File, int Line, int Column, string Path, Severity Severity, string Rule, string Message)
{
    public bool IsError => Severity == Severity.Error;

    public string SeverityName => Severity == Severity.Error ? "error" : "warning";

    public override string ToString() => $"{File}:{Line}: {SeverityName} {Rule}: {Message} at {Path}";
}
