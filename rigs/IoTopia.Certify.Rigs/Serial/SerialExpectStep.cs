using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

[Needs(typeof(IConsoleProtocol))]
[Step("serial.expect", "Waits until the DUT's serial output after the attempt's cursor matches a pattern (regex, no backtracking); the cursor moves past the match.")]
public sealed partial class SerialExpectStep : Step<SerialExpectStep.Arguments>
{
    public sealed class Arguments : IValidatableArguments
    {
        [ShortForm]
        public required string Pattern { get; init; }

        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(10);

        /// <summary>Keeps the match (text and named groups) for later steps of the attempt under this name.</summary>
        public string? SaveAs { get; init; }

        public IEnumerable<string> Validate()
        {
            if (SerialPatterns.Problem(Pattern, "pattern") is { } problem)
                yield return problem;
            if (Within <= TimeSpan.Zero)
                yield return "within: must be more than 0";
            if (SaveAs is not null && !SafeName().IsMatch(SaveAs))
                yield return $"save-as: '{SaveAs}' is not a name (letters, digits, '.', '_', '-')";
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{0,63}$", RegexOptions.NonBacktracking)]
    private static partial Regex SafeName();

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var console = context.Drivers.Get<IConsoleProtocol>();
        var from = SerialCursor.Get(context.Attempt, console.Log);
        var pattern = SerialPatterns.Build(args.Pattern);
        var since = DateTimeOffset.UtcNow;
        context.Details["from"] = from;
        SerialMatch match;
        using (var within = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            within.CancelAfter(args.Within);
            try
            {
                match = await console.Log.WaitForAsync(pattern, from, within.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return await SerialOutcomes.NotSeenAsync(context, console, $"/{args.Pattern}/", args.Pattern, from, since, args.Within, null, ct);
            }
        }
        SerialCursor.Advance(context.Attempt, match.End);
        context.Details["match"] = SerialOutcomes.Describe(match, since);
        // what was scanned up to the match is this step's evidence, on a pass as on a fail
        await context.WriteEvidenceAsync("txt", "serial-window", SerialWindow.Render(console.Log, from, match.End, mask: null), "scanned", ct);
        if (args.SaveAs is not null)
            Save(context, pattern, match, args.SaveAs);
        return StepOutcome.Pass($"/{args.Pattern}/ seen: {DeviceText.Clip(SerialTextRenderer.Visible(match.Text), 200)}");
    }

    private static void Save(StepContext context, Regex pattern, SerialMatch match, string name)
    {
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        var again = pattern.Match(match.Text);
        foreach (var group in pattern.GetGroupNames().Where(g => !int.TryParse(g, out _)))
        {
            if (again.Groups[group] is { Success: true } g)
                groups[group] = g.Value;
        }
        context.Attempt.Items[SavedSerialMatch.KeyFor(name)] = new SavedSerialMatch(match.Text, groups, match.At);
        var shown = new JsonObject();
        foreach (var (key, value) in groups)
            shown[key] = DeviceText.Clip(SerialTextRenderer.Visible(value), SerialOutcomes.MatchTextLimit);
        context.Details["saved-as"] = name;
        context.Details["groups"] = shown;
    }
}
