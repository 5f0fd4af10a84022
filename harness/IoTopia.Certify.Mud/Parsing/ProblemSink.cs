using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Collects the problems of one file, up to a limit; beyond it only counts them.</summary>
internal sealed class ProblemSink(string file, int maxProblems)
{
    private readonly List<MudProblem> problems = [];
    private int droppedErrors;
    private int droppedWarnings;

    public string File { get; } = file;

    public bool HasErrors => droppedErrors > 0 || problems.Any(p => p.IsError);

    public void Error(string rule, SourceLocation at, string message) => Add(Severity.Error, rule, at, message);

    public void Warning(string rule, SourceLocation at, string message) => Add(Severity.Warning, rule, at, message);

    public void Add(Severity severity, string rule, SourceLocation at, string message)
    {
        if (problems.Count < maxProblems)
            problems.Add(new MudProblem(File, at.Line, at.Column, at.Path, severity, rule, message));
        else if (severity == Severity.Error)
            droppedErrors++;
        else
            droppedWarnings++;
    }

    public IReadOnlyList<MudProblem> Problems()
    {
        var sorted = problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        if (droppedErrors + droppedWarnings == 0)
            return sorted;
        var more = new MudProblem(File, 0, 0, "$", droppedErrors > 0 ? Severity.Error : Severity.Warning, "too-many-problems",
            $"{droppedErrors + droppedWarnings} more problems not listed ({droppedErrors} errors, {droppedWarnings} warnings)");
        return [.. sorted, more];
    }
}
