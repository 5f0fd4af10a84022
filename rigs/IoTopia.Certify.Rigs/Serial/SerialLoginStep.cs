using System.Text;
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
[Step("serial.login", "Logs in on the DUT's serial console: waits for the login prompt, types user and password, waits for the shell prompt; a refused login fails. The password is never recorded.")]
public sealed class SerialLoginStep : Step<SerialLoginStep.Arguments>
{
    public const string Masked = "********";

    public sealed class Arguments : IValidatableArguments
    {
        public required string User { get; init; }
        public required string Password { get; init; }
        public string Prompt { get; init; } = "login:";
        public string PasswordPrompt { get; init; } = "[Pp]assword:";
        public required string ShellPrompt { get; init; }

        /// <summary>What the DUT prints when it refuses the login.</summary>
        public string Failure { get; init; } = "[Ll]ogin incorrect|[Aa]uthentication fail|[Aa]ccess denied|[Pp]ermission denied";

        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>When no login prompt came this long, press Enter to get a fresh one (0: never).</summary>
        public TimeSpan WakeAfter { get; init; } = TimeSpan.FromSeconds(3);

        public IEnumerable<string> Validate()
        {
            foreach (var (pattern, name) in new[] { (Prompt, "prompt"), (PasswordPrompt, "password-prompt"), (ShellPrompt, "shell-prompt"), (Failure, "failure") })
            {
                if (SerialPatterns.Problem(pattern, name) is { } problem)
                    yield return problem;
            }
            if (User.Length == 0 || User.Any(char.IsControl))
                yield return "user: must be a name without control characters";
            if (Password.Any(c => c is '\r' or '\n'))
                yield return "password: must not contain a line break";
            if (Within <= TimeSpan.Zero)
                yield return "within: must be more than 0";
        }
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var console = context.Drivers.Get<IConsoleProtocol>();
        var log = console.Log;
        var start = SerialCursor.Get(context.Attempt, log);
        var cursor = start;
        var since = DateTimeOffset.UtcNow;
        string Mask(string text) => Hide(text, args.Password);
        context.Details["user"] = args.User;
        context.Details["password"] = "(not recorded)";
        var stage = ("login prompt", args.Prompt);
        using var within = CancellationTokenSource.CreateLinkedTokenSource(ct);
        within.CancelAfter(args.Within);
        try
        {
            var loginPrompt = SerialPatterns.Build(args.Prompt);
            var passwordPattern = SerialPatterns.Build(args.PasswordPrompt);
            SerialMatch? passwordPrompt = null;
            if (PendingPrompt.Find(log, loginPrompt, cursor, SerialCursor.Start(context.Attempt)) is { } pending)
            {
                // an earlier step (a ready pattern matching the login prompt) moved the cursor past it; the DUT still waits there
                context.Details["login-prompt"] = $"seen before the cursor (serial bytes {pending.Start}..{pending.End}); the DUT printed nothing since, so the user was typed at once";
                start = pending.Start;
                await console.SendAsync(Encoding.UTF8.GetBytes(args.User + SerialSendStep.Enter), within.Token);
                stage = ("password prompt", args.PasswordPrompt);
                passwordPrompt = await TryWaitAsync(log, passwordPattern, cursor, args.WakeAfter > TimeSpan.Zero ? args.WakeAfter : args.Within, within.Token);
                if (passwordPrompt is null)
                    context.Details["login-prompt"] += "; no password prompt followed, so the step waited for a fresh login prompt";
            }
            if (passwordPrompt is null)
            {
                stage = ("login prompt", args.Prompt);
                var prompt = await WaitWithWakeAsync(context, console, loginPrompt, cursor, args.WakeAfter, within.Token);
                cursor = Advance(context, prompt.End);
                await console.SendAsync(Encoding.UTF8.GetBytes(args.User + SerialSendStep.Enter), within.Token);
                stage = ("password prompt", args.PasswordPrompt);
                passwordPrompt = await log.WaitForAsync(passwordPattern, cursor, within.Token);
            }
            cursor = Advance(context, passwordPrompt.End);
            var typedAt = log.Length;
            await console.SendAsync(Encoding.UTF8.GetBytes(args.Password + SerialSendStep.Enter), within.Token);

            stage = ("shell prompt", args.ShellPrompt);
            var outcome = SerialPatterns.Build($"(?<certifyShell>{args.ShellPrompt})|(?<certifyRefused>{args.Failure})");
            var result = await log.WaitForAsync(outcome, cursor, within.Token);
            cursor = Advance(context, result.End);
            var refused = outcome.Match(result.Text).Groups["certifyRefused"].Success;
            context.Details["password-echoed"] = Echoed(log, typedAt, cursor, args.Password);
            context.Details[refused ? "refusal" : "shell-prompt"] = Describe(result, since, Mask);
            await context.WriteEvidenceAsync("txt", "serial-transcript", SerialWindow.Render(log, start, log.Length, mask: Mask), "transcript", ct);
            if (refused)
                return StepOutcome.Fail($"the DUT refused the login of '{args.User}'", $"/{args.ShellPrompt}/",
                    SerialWindow.Tail(log, start, cursor, mask: Mask));
            return StepOutcome.Pass($"logged in as '{args.User}'");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return await SerialOutcomes.NotSeenAsync(context, console, $"{stage.Item1} /{stage.Item2}/", stage.Item2, cursor, since, args.Within, Mask, ct);
        }
    }

    private static async Task<SerialMatch> WaitWithWakeAsync(StepContext context, IConsoleProtocol console, Regex pattern, long from,
        TimeSpan wakeAfter, CancellationToken ct)
    {
        var wakes = 0;
        while (true)
        {
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (wakeAfter > TimeSpan.Zero)
                wake.CancelAfter(wakeAfter);
            try
            {
                return await console.Log.WaitForAsync(pattern, from, wake.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                await console.SendAsync(Encoding.ASCII.GetBytes(SerialSendStep.Enter), ct);
                context.Details["wakes"] = ++wakes;
            }
        }
    }

    /// <summary>The match, or null when <paramref name="wait"/> passes first.</summary>
    private static async Task<SerialMatch?> TryWaitAsync(ISerialLog log, Regex pattern, long from, TimeSpan wait, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(wait);
        try
        {
            return await log.WaitForAsync(pattern, from, limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static long Advance(StepContext context, long to)
    {
        SerialCursor.Advance(context.Attempt, to);
        return to;
    }

    private static JsonObject Describe(SerialMatch match, DateTimeOffset since, Func<string, string> mask)
    {
        var described = SerialOutcomes.Describe(match, since);
        described["text"] = mask(described["text"]!.GetValue<string>());
        return described;
    }

    private static bool Echoed(ISerialLog log, long from, long to, string password) =>
        password.Length > 0 && log.Read(from, to).Span.IndexOf(Encoding.UTF8.GetBytes(password)) >= 0;

    private static string Hide(string text, string secret)
    {
        if (secret.Length == 0)
            return text;
        var visible = SerialTextRenderer.Visible(secret);
        text = text.Replace(secret, Masked, StringComparison.Ordinal);
        return visible == secret ? text : text.Replace(visible, Masked, StringComparison.Ordinal);
    }
}
