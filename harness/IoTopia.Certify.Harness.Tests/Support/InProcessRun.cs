using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;

namespace IoTopia.Certify.Harness.Tests.Support;

/// <summary>
/// Runs suites on the in-process rig through the engine the command line uses (<see cref="RunEngine"/>: plan,
/// attempts, deadlines, clean-up, journal, results.json, manifest), in this process and without any child process.
/// </summary>
public static class InProcessRun
{
    private static readonly RigKinds Kinds = new();

    public static RunEngine Engine { get; } = new(StepRegistry.Default, Kinds, finisher: null, FixedProvenance.Instance);

    public static RunRequest Request(string outDir, IEnumerable<string> suites, IReadOnlyDictionary<string, string>? parameters = null,
        string tier = "T3", string? filter = null, long seed = 7) => new()
    {
        ProjectRoot = RepoRoot.Path,
        RigFile = TestSuites.InProcessRig,
        Suites = [.. suites],
        Parameters = parameters ?? new Dictionary<string, string>(),
        Tier = tier,
        Filter = filter,
        Seed = seed,
        Operator = "engine-tests",
        OutDir = outDir,
    };

    public static async Task<RunOutcome> RunAsync(RunRequest request, IRunObserver? observer = null, CancellationToken interrupted = default) =>
        await Engine.RunAsync(request, LoadedInputs.Load(request, StepRegistry.Default, Kinds), observer, interrupted);

    public static Task<RunOutcome> ResumeAsync(string runFolder) => Engine.ResumeAsync(runFolder, RepoRoot.Path, null, CancellationToken.None);

    public static ScenarioResult Scenario(this RunResults results, string id) => results.Scenarios.Single(s => s.Id == id);

    public static RequirementResult Requirement(this RunResults results, string id) => results.Requirements.Single(r => r.Id == id);
}
