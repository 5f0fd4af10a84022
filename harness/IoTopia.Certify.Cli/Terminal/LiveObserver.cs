using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Harness.Verdicts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IoTopia.Certify.Cli.Terminal;

/// <summary>A live view for an interactive terminal: current scenario and step, elapsed time, counts so far.</summary>
public sealed class LiveObserver : IRunObserver
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly Lock _lock = new();
    private readonly Dictionary<Verdict, int> _counts = new();
    private readonly List<string> _finished = [];
    private string _scenario = "-";
    private string _step = "-";
    private int _total;

    public void OnEvent(JournalEvent e)
    {
        lock (_lock)
        {
            switch (e)
            {
                case RunStarted s:
                    _total = s.Plan.Count;
                    break;
                case ScenarioSkipped s:
                    Count(Verdict.Skipped, $"{s.ScenarioId}: skipped ({s.Reason.Name()})");
                    break;
                case AttemptStarted a:
                    _scenario = $"{a.ScenarioId} (attempt {a.Attempt})";
                    break;
                case StepStarted s:
                    _step = $"{s.StepSeq:D3} {s.Name}{(s.Phase == StepPhase.Cleanup ? " (clean-up)" : "")}";
                    break;
                case ScenarioEnded s:
                    Count(s.Verdict, $"{s.ScenarioId}: {s.Verdict.Name()} - {DeviceText.ForTerminal(s.Reason, 120)}");
                    _scenario = "-";
                    _step = "-";
                    break;
            }
        }
    }

    /// <summary>
    /// Draws until <paramref name="work"/> ends. When a question for the operator wants the terminal
    /// (<see cref="TerminalGate"/>), the view stops with its last frame left on screen, and starts again below the question
    /// once it is answered.
    /// </summary>
    public async Task<T> ShowWhileAsync<T>(Task<T> work, TerminalGate? gate = null)
    {
        gate ??= TerminalGate.Console;
        while (true)
        {
            using (await gate.TakeForViewAsync())
            {
                await AnsiConsole.Live(Render()).AutoClear(false).StartAsync(async ctx =>
                {
                    while (!work.IsCompleted && !gate.Wanted)
                    {
                        ctx.UpdateTarget(Render());
                        await Task.WhenAny(work, Task.Delay(250));
                    }
                    ctx.UpdateTarget(Render());
                });
            }
            if (work.IsCompleted)
                return await work;
            await Task.WhenAny(work, Task.Delay(100)); // the question takes the terminal now
        }
    }

    private void Count(Verdict v, string line)
    {
        _counts[v] = _counts.GetValueOrDefault(v) + 1;
        _finished.Add(line);
    }

    private IRenderable Render()
    {
        lock (_lock)
        {
            var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("").AddColumn("");
            var done = _counts.Values.Sum();
            table.AddRow("elapsed", $"{(DateTimeOffset.UtcNow - _start).TotalSeconds:0}s");
            table.AddRow("scenarios", $"{done}/{_total}  " + string.Join("  ", Enum.GetValues<Verdict>().Reverse()
                .Select(v => $"[{Colour(v)}]{v.Name()} {_counts.GetValueOrDefault(v)}[/]")));
            table.AddRow("scenario", Markup.Escape(DeviceText.ForTerminal(_scenario, 100)));
            table.AddRow("step", Markup.Escape(DeviceText.ForTerminal(_step, 100)));
            foreach (var line in _finished.TakeLast(8))
                table.AddRow("", Markup.Escape(line));
            return table;
        }
    }

    private static string Colour(Verdict v) => v switch
    {
        Verdict.Pass => "green",
        Verdict.Fail => "red",
        Verdict.Error => "magenta",
        Verdict.Inconclusive => "yellow",
        _ => "grey",
    };
}
