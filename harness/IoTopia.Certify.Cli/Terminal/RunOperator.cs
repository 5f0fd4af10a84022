using IoTopia.Certify.Harness.Answers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Operator;

namespace IoTopia.Certify.Cli.Terminal;

/// <summary>
/// The run's <c>operator</c> capability: the answers file when the run was given one (<c>--answers</c>; then nobody is
/// asked), else the person at this terminal when stdin and stderr are a terminal and CI is not set, else none — and
/// scenarios that need an operator are skipped (capability-missing).
/// </summary>
public sealed class RunOperator : IRunDrivers
{
    public static RunOperator Instance { get; } = new();

    /// <summary>stdin and stderr are a terminal, and CI=true is not set.</summary>
    public static bool AtInteractiveTerminal =>
        !Console.IsInputRedirected && !Console.IsErrorRedirected && !TerminalMode.InContinuousIntegration;

    public IReadOnlyList<RunDriver> For(RunRequest request, AnswersFile? answers)
    {
        if (answers is not null)
            return [new RunDriver(new AnswersFileOperator(answers), "operator answers-file", answers.File)];
        if (AtInteractiveTerminal)
            return [new RunDriver(new TerminalOperator(Console.In, Console.Error, TerminalGate.Console.TakeAsync), "operator terminal", "the person at certify's terminal")];
        return [];
    }
}
