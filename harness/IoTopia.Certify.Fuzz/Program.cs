using IoTopia.Certify.Fuzz.Campaigns;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Oracle;
using IoTopia.Certify.Fuzz.Targets;

// dotnet run -c Release --project harness/IoTopia.Certify.Fuzz -- --target mud|pcap|yaml|device|suit [--seconds 300] [--seed N]
//     [--deadline 10] [--out DIR]                 fuzz one target for a while; exit 1 when any failure was found
// ... -- --target T --replay FILE                 run one saved input through the same oracle
// Exit codes: 0 no failure · 1 failures found · 3 bad arguments or no seeds.

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
        return Usage($"unexpected '{args[i]}'");
    options[args[i][2..]] = args[i + 1];
}
if (args.Length % 2 != 0)
    return Usage($"'{args[^1]}' needs a value");
if (!options.TryGetValue("target", out var name) || !FuzzTargets.Names.Contains(name))
    return Usage("give --target " + string.Join("|", FuzzTargets.Names));
if (options.Keys.Except(["target", "seconds", "seed", "deadline", "out", "replay"]).FirstOrDefault() is { } unknown)
    return Usage($"unknown option --{unknown}");

var root = RepoRoot.Find(Directory.GetCurrentDirectory());
var corpus = new SeedCorpus(root);
var deadline = TimeSpan.FromSeconds(options.TryGetValue("deadline", out var d) ? double.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : 10);
var store = new FailureStore(options.TryGetValue("out", out var o) ? Path.GetFullPath(o) : Path.Combine(root, ".build", "fuzz-findings"));
using var target = FuzzTargets.Create(name, root);
var seeds = target.Seeds(corpus);
if (seeds.Count == 0)
    return Usage($"no seeds for {name} under {root}");
if (options.TryGetValue("replay", out var replay))
{
    var runner = new CaseRunner(target, deadline);
    // The saved name ends with --SEEDNAME: that seed picks the loader (YAML) or the device (captures).
    var seedName = Path.GetFileName(replay) is var file && file.Contains("--", StringComparison.Ordinal) ? file[(file.LastIndexOf("--", StringComparison.Ordinal) + 2)..] : "";
    var origin = seeds.FirstOrDefault(s => s.Name == seedName) ?? seeds[0];
    var outcome = runner.Run(File.ReadAllBytes(replay), origin);
    Console.WriteLine($"{replay} (as {origin.Name}): {outcome}");
    return outcome.IsFailure ? 1 : 0;
}

var seconds = options.TryGetValue("seconds", out var s) ? double.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 60;
var seed = options.TryGetValue("seed", out var n) ? ulong.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : (ulong)Random.Shared.NextInt64();
Console.WriteLine($"fuzzing {name}: {seeds.Count} seeds{(corpus.HasSharedCorpus ? "" : $" (no shared corpus at {corpus.SharedMudCorpus})")}, {seconds} s, PCG seed {seed}, deadline {deadline.TotalSeconds} s per case");
var result = new Campaign(target, seeds, store, deadline, Console.Out).Run(TimeSpan.FromSeconds(seconds), seed);
result.Print(Console.Out);
Console.WriteLine($"failures are saved under {store.Folder}");
return result.Failures.Count > 0 || result.DiedBefore is not null ? 1 : 0;

static int Usage(string problem)
{
    Console.Error.WriteLine($"fuzz: {problem}\nusage: --target {string.Join("|", FuzzTargets.Names)} [--seconds N] [--seed N] [--deadline SECONDS] [--out DIR] | --target T --replay FILE");
    return 3;
}
