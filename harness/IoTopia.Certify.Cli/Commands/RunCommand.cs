using System.CommandLine;
using System.Security.Cryptography;
using IoTopia.Certify.Cli.Reporting;
using IoTopia.Certify.Cli.Terminal;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify run</c>: runs the suites against the rig's DUT and writes a run folder.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var rig = CommonOptions.Rig();
        var suite = CommonOptions.Suite();
        var filter = new Option<string>("--filter") { Description = "comma-separated scenario IDs, requirement IDs or pillars (SBD, INT, ONB, LCM); * globs" };
        var tier = new Option<string>("--tier") { Description = "certification target T1|T2|T3 (default T3: every requirement applies)" };
        var statement = new Option<string>("--statement") { Description = "manufacturer's conformance statement (YAML)" };
        var decisions = new Option<string>("--decisions") { Description = "assessor decisions file (YAML)" };
        var param = new Option<string[]>("--param") { Description = "key=value overriding a scenario parameter; repeatable" };
        var personality = new Option<string>("--personality") { Description = "the reference device's fault personality: the rig option 'personality', for rig kinds that take it" };
        var @operator = new Option<string>("--operator") { Description = "who runs the bench (default: the login name)" };
        var seed = new Option<long?>("--seed") { Description = "seed for every random choice of the run (default: random, recorded)" };
        var @out = new Option<string>("--out") { Description = "run folder (must not exist or be empty; default runs/<utc-time>-<dut>)" };
        var plan = new Option<bool>("--plan") { Description = "print what would run or be skipped and why; touch nothing" };
        var answers = new Option<string>("--answers") { Description = "the operator's answers (YAML: answers: <scenario-id>: <key>: <answer>); nobody is asked at the terminal" };
        var sign = new Option<string>("--sign") { Description = "PEM (certificate + key) or PKCS#12 file: sign manifest.json (manifest.json.p7s)" };

        var command = new Command("run", "Run the suites against the device under test and write a run folder");
        foreach (var o in new Option[] { rig, suite, filter, tier, statement, decisions, param, personality, @operator, seed, @out, plan, sign, answers })
            command.Options.Add(o);

        command.SetAction(async (result, _) =>
        {
            var root = ProjectRoot.Find();
            RunRequest request;
            LoadedInputs inputs;
            try
            {
                request = new RunRequest
                {
                    ProjectRoot = root,
                    RigFile = Path.GetFullPath(CommonOptions.RigOrDefault(result.GetValue(rig), root)),
                    Suites = CommonOptions.SuitesOrDefault(result.GetValue(suite), root).Select(Path.GetFullPath).ToList(),
                    Filter = result.GetValue(filter),
                    Tier = result.GetValue(tier) ?? "T3",
                    Statement = result.GetValue(statement) is { } s ? Path.GetFullPath(s) : null,
                    Decisions = result.GetValue(decisions) is { } d ? Path.GetFullPath(d) : null,
                    Parameters = ParseParameters(result.GetValue(param) ?? []),
                    RigOptions = result.GetValue(personality) is { } p ? new Dictionary<string, string> { ["personality"] = p } : new Dictionary<string, string>(),
                    Operator = result.GetValue(@operator) ?? Environment.UserName,
                    Seed = result.GetValue(seed) ?? RandomNumberGenerator.GetInt32(int.MaxValue),
                    OutDir = result.GetValue(@out) is { } o ? Path.GetFullPath(o) : null,
                    SignKey = result.GetValue(sign) is { } k ? Path.GetFullPath(k) : null,
                    Answers = result.GetValue(answers) is { } a ? Path.GetFullPath(a) : null,
                };
                if (request.SignKey is { } key && !File.Exists(key))
                    throw new InputException($"--sign {key}: no such key file");
                inputs = LoadedInputs.Load(request, Composition.Steps, Composition.RigKinds, Composition.RunDrivers);
            }
            catch (InputException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }

            if (result.GetValue(plan))
                return PrintPlan(inputs);
            if (await IsolatedRun.RelaunchAsync(inputs.Rig, result) is { } elsewhere)
                return elsewhere;

            using var interruption = new Interruption();
            try
            {
                var reports = new RunReports();
                var engine = new RunEngine(Composition.Steps, Composition.RigKinds, reports, runDrivers: Composition.RunDrivers);
                var outcome = await RunWithViewAsync(observer => engine.RunAsync(request, inputs, observer, interruption.Token));
                return Finish.Report(outcome, reports);
            }
            catch (InputException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            catch (RunFolderWriteException e)
            {
                // a full disk: the run stopped with everything recorded so far intact; resume finishes it
                Console.Error.WriteLine(e.Message);
                return ExitCodes.Error;
            }
        });
        return command;
    }

    public static async Task<RunOutcome> RunWithViewAsync(Func<IRunObserver, Task<RunOutcome>> run)
    {
        if (!TerminalMode.Live)
            return await run(new PlainObserver(Console.Out));
        var live = new LiveObserver();
        return await live.ShowWhileAsync(run(live));
    }

    private static int PrintPlan(LoadedInputs inputs)
    {
        Console.WriteLine($"rig {inputs.Rig.Name} ({inputs.Rig.File}), capabilities: {(inputs.Rig.Capabilities.Count == 0 ? "none" : string.Join(", ", inputs.Rig.Capabilities))}");
        foreach (var p in inputs.Plan)
        {
            var what = p.Skip is null ? "run " : $"skip ({p.Skip.Value.Name()}: {p.SkipDetail})";
            var reqs = p.Requirements.Count == 0 ? p.Kind == Harness.Model.ScenarioKind.RigCheck ? "rig-check" : "-" : string.Join(",", p.Requirements);
            Console.WriteLine($"  {DeviceText.ForTerminal(p.Id)}  [{reqs}]  {what}");
        }
        Console.WriteLine($"{inputs.Plan.Count(p => p.Skip is null)} to run, {inputs.Plan.Count(p => p.Skip is not null)} skipped");
        return inputs.Plan.Any(p => p.Skip is null) ? ExitCodes.Passed : ExitCodes.BadInput;
    }

    private static Dictionary<string, string> ParseParameters(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
                throw new InputException($"--param '{pair}': expected key=value");
            result[pair[..eq]] = pair[(eq + 1)..];
        }
        return result;
    }
}
