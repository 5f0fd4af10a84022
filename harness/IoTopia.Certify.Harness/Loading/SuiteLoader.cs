using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Steps;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.Harness.Loading;

/// <summary>
/// Loads scenario files. Every problem — unknown keys, unknown steps, bad arguments, duplicate IDs,
/// unknown parameters — is collected with file, line, column and key, and reported together.
/// </summary>
public sealed partial class SuiteLoader(StepRegistry steps, IReadOnlySet<string>? knownRequirements = null,
    IReadOnlyDictionary<string, string>? ambientParameters = null, IReadOnlyList<string>? fileRoots = null)
{
    /// <summary>Files under a suite folder that are not scenario files.</summary>
    public static bool IsCatalogueFile(string path) =>
        Path.GetFileName(path) is "requirements.yaml" || path.Split(Path.DirectorySeparatorChar).Contains("frameworks");

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$", RegexOptions.NonBacktracking)]
    private static partial Regex ScenarioId();

    [GeneratedRegex(@"^IOT-(SBD|INT|ONB|LCM)-\d\d$", RegexOptions.NonBacktracking)]
    private static partial Regex RequirementId();

    private static readonly HashSet<string> StepOptions = ["timeout"];

    public Suite Load(IEnumerable<string> paths, IReadOnlyDictionary<string, string> parameterOverrides)
    {
        var errors = new InputErrors();
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*.y*ml", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                    .Where(f => !IsCatalogueFile(Path.GetRelativePath(path, f)))
                    .Order(StringComparer.Ordinal));
            else if (File.Exists(path))
                files.Add(path);
            else
                errors.Add($"{path}: no such suite file or folder");
        }

        var scenarios = new List<Scenario>();
        foreach (var file in files)
        {
            try
            {
                LoadFile(file, parameterOverrides, scenarios, errors);
            }
            catch (InputException e)
            {
                errors.Add(e);
            }
        }

        var seen = new Dictionary<string, Scenario>(StringComparer.Ordinal);
        foreach (var s in scenarios)
        {
            if (!seen.TryAdd(s.Id, s))
                errors.Add($"{s.Location}: id: duplicate scenario id '{s.Id}' (first at {seen[s.Id].Location})");
        }
        var order = scenarios.Select((s, i) => (s.Id, i)).GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().i);
        foreach (var (s, i) in scenarios.Select((s, i) => (s, i)))
        {
            if (s.Continues is { } previous && (!order.TryGetValue(previous, out var j) || j >= i))
                errors.Add($"{s.Location}: continues: '{previous}' is not a scenario that runs before this one");
        }

        var declared = scenarios.SelectMany(s => s.Parameters.Keys).Where(k => !k.StartsWith("ixit.", StringComparison.Ordinal) && !k.StartsWith("dut.", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in parameterOverrides.Keys.Where(k => !declared.Contains(k)))
            errors.Add($"--param {name}: no loaded scenario declares a parameter '{name}'");

        errors.ThrowIfAny();
        return new Suite(scenarios, files);
    }

    private void LoadFile(string file, IReadOnlyDictionary<string, string> overrides, List<Scenario> into, InputErrors errors)
    {
        var root = new YamlMap(file, YamlFile.LoadMapping(file));
        root.String("suite");
        root.String("title");
        var fileParameters = root.StringMap("parameters");
        var list = root.Sequence("scenarios");
        root.RejectUnknownKeys(errors);
        if (list is null)
        {
            errors.Add(new InputException(root.Location, "scenarios: required (a list of scenarios)"));
            return;
        }
        foreach (var node in list.Children)
        {
            try
            {
                if (node is not YamlMappingNode mapping)
                    throw new InputException(YamlFile.At(file, node), "scenarios[]: expected a mapping");
                into.Add(LoadScenario(new YamlMap(file, mapping), fileParameters, overrides, errors));
            }
            catch (InputException e)
            {
                errors.Add(e);
            }
        }
    }

    private Scenario LoadScenario(YamlMap map, IReadOnlyDictionary<string, string> fileParameters,
        IReadOnlyDictionary<string, string> overrides, InputErrors errors)
    {
        var id = map.RequiredString("id");
        if (!ScenarioId().IsMatch(id))
            throw new InputException(map.LocationOf("id"), $"id: '{id}' must be letters, digits, '.', '_' or '-' (at most 80)");
        var title = map.RequiredString("title");
        var kind = map.String("kind") switch
        {
            null or "certification" => ScenarioKind.Certification,
            "rig-check" => ScenarioKind.RigCheck,
            var other => throw new InputException(map.LocationOf("kind"), $"kind: '{other}' is not certification or rig-check"),
        };
        var requirements = map.StringList("requirements");
        foreach (var r in requirements)
        {
            if (!RequirementId().IsMatch(r))
                errors.Add(new InputException(map.LocationOf("requirements"), $"requirements: '{r}' is not a requirement ID like IOT-ONB-03"));
            else if (knownRequirements is not null && !knownRequirements.Contains(r))
                errors.Add(new InputException(map.LocationOf("requirements"), $"requirements: '{r}' is not in the requirement catalogue"));
        }
        if (kind == ScenarioKind.RigCheck && requirements.Count > 0)
            errors.Add(new InputException(map.LocationOf("requirements"), "requirements: a rig-check carries no requirement IDs"));
        if (kind == ScenarioKind.Certification && requirements.Count == 0)
            errors.Add(new InputException(map.LocationOf("id"), "requirements: a certification scenario names the requirements it verifies"));
        var needs = map.StringList("needs");
        foreach (var need in needs.Where(n => !Capabilities.Known.Contains(n)))
            errors.Add(new InputException(map.LocationOf("needs"), $"needs: '{need}' is not a rig capability; known: {string.Join(", ", Capabilities.Known.Order())}"));
        foreach (var (capability, step, at) in StepCapabilities(map).Where(c => !needs.Contains(c.Capability)).DistinctBy(c => c.Capability))
            errors.Add(new InputException(map.Has("needs") ? map.LocationOf("needs") : map.LocationOf("id"),
                $"needs: lacks '{capability}', which step {step} at line {at.Line} needs; add it to needs:"));

        // IXIT facts from the conformance statement, for the scenarios that list them under ixit:
        var ixit = map.StringList("ixit");
        foreach (var name in ixit.Where(n => !Declarations.IxitFacts.Known.ContainsKey(n)))
            errors.Add(new InputException(map.LocationOf("ixit"), $"ixit: '{name}' is not a known IXIT fact; known: {string.Join(", ", Declarations.IxitFacts.Known.Keys)}"));
        var ambient = ambientParameters ?? new Dictionary<string, string>();
        var missingIxit = ixit.Where(n => !ambient.ContainsKey($"ixit.{n}")).ToList();
        var parameters = ixit.Where(n => ambient.ContainsKey($"ixit.{n}"))
            .ToDictionary(n => $"ixit.{n}", n => ambient[$"ixit.{n}"], StringComparer.Ordinal);
        // the rig's description of its DUT (dut.banner, dut.login-user …) is readable by every scenario
        foreach (var (k, v) in ambient.Where(kv => !kv.Key.StartsWith("ixit.", StringComparison.Ordinal)))
            parameters[k] = v;
        foreach (var (k, v) in fileParameters)
            parameters[k] = v;
        foreach (var (k, v) in map.StringMap("parameters"))
            parameters[k] = v;
        foreach (var k in parameters.Keys.ToList())
        {
            if (overrides.TryGetValue(k, out var v))
                parameters[k] = v;
        }

        var artefacts = map.StringList("artefacts");
        foreach (var a in artefacts.Where(a => !parameters.ContainsKey(a)))
            errors.Add(new InputException(map.LocationOf("artefacts"), $"artefacts: '{a}' is not a parameter of this scenario; declare it under parameters: with an empty default"));

        var timeout = map.Duration("timeout") ?? TimeSpan.FromMinutes(10);
        var retries = map.Int("retries") ?? 0;
        if (retries is < 0 or > 10)
            errors.Add(new InputException(map.LocationOf("retries"), "retries: must be 0..10"));
        var continues = map.String("continues");
        // facts about the DUT the rig file does not give: the scenario is skipped on this rig
        var dutReferences = DutReferences(map).ToList();
        foreach (var (key, node) in dutReferences.Where(r => !DutDescription.IsKnown(r.Key)).DistinctBy(r => r.Key))
            errors.Add(new InputException(YamlFile.At(map.File, node),
                $"${{dut.{key}}}: not a DUT fact a rig can give (a typo would skip the scenario on every rig); known: {string.Join(", ", DutDescription.AllKeys)}"));
        var missingDut = dutReferences.Select(r => r.Key).Where(k => !parameters.ContainsKey($"dut.{k}")).Distinct().Order().ToList();
        var bindable = missingIxit.Count == 0 && missingDut.Count == 0;
        // without its IXIT or DUT facts the scenario is skipped, so its steps are not bound
        var steps = bindable ? LoadSteps(map, "steps", parameters, errors) : [];
        if ((map.Get("steps") as YamlSequenceNode)?.Children.Count is null or 0)
            errors.Add(new InputException(map.Location, "steps: a scenario needs at least one step"));
        var cleanup = bindable ? LoadSteps(map, "cleanup", parameters, errors) : [];
        if (!bindable)
        {
            map.Get("steps");
            map.Get("cleanup");
        }
        map.RejectUnknownKeys(errors);

        return new Scenario
        {
            Id = id,
            Title = title,
            Kind = kind,
            Requirements = requirements,
            Needs = needs,
            Artefacts = artefacts,
            MissingIxit = missingIxit,
            MissingDutFacts = missingDut,
            Steps = steps,
            Cleanup = cleanup,
            Timeout = timeout,
            Retries = retries,
            Continues = continues,
            Parameters = parameters,
            Location = map.Location,
        };
    }

    /// <summary>
    /// The capabilities the scenario's steps (and clean-up steps) require, from their declared protocols,
    /// read off the step names alone so that a scenario skipped for a missing fact is checked too.
    /// </summary>
    private IEnumerable<(string Capability, string Step, SourceLocation At)> StepCapabilities(YamlMap scenario)
    {
        foreach (var (key, list) in scenario.Node.Children)
        {
            if (key is not YamlScalarNode { Value: "steps" or "cleanup" } || list is not YamlSequenceNode sequence)
                continue;
            foreach (var node in sequence.Children)
            {
                var name = node switch
                {
                    YamlScalarNode scalar => scalar.Value,
                    YamlMappingNode mapping => mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value)
                        .Where(k => k is not null && !StepOptions.Contains(k)).Take(2).ToList() is [var only] ? only : null,
                    _ => null,
                };
                if (name is null || !steps.Contains(name))
                    continue;
                foreach (var capability in steps.RequiredCapabilities(name))
                    yield return (capability, name, YamlFile.At(scenario.File, node));
            }
        }
    }

    [GeneratedRegex(@"\$\{dut\.(?<key>[a-z0-9-]+)\}", RegexOptions.NonBacktracking)]
    private static partial Regex DutReference();

    private static IEnumerable<(string Key, YamlNode Node)> DutReferences(YamlMap scenario)
    {
        // Aliases make the tree a graph: each node is visited once, however many aliases reach it.
        var visited = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<YamlNode>(scenario.Node.Children
            .Where(kv => kv.Key is YamlScalarNode { Value: "steps" or "cleanup" })
            .Select(kv => kv.Value));
        while (pending.TryPop(out var node))
        {
            if (!visited.Add(node))
                continue;
            switch (node)
            {
                case YamlScalarNode { Value: { } value }:
                    foreach (Match m in DutReference().Matches(value))
                        yield return (m.Groups["key"].Value, node);
                    break;
                case YamlSequenceNode seq:
                    foreach (var child in seq.Children)
                        pending.Push(child);
                    break;
                case YamlMappingNode mapping:
                    foreach (var (k, v) in mapping.Children)
                    {
                        pending.Push(k);
                        pending.Push(v);
                    }
                    break;
            }
        }
    }

    private List<StepCall> LoadSteps(YamlMap scenario, string key, IReadOnlyDictionary<string, string> parameters, InputErrors errors)
    {
        var calls = new List<StepCall>();
        var list = scenario.Sequence(key);
        if (list is null)
            return calls;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var node = list.Children[i];
            var path = $"{key}[{i}]";
            try
            {
                calls.Add(LoadStep(scenario.File, node, path, parameters, errors));
            }
            catch (InputException e)
            {
                errors.Add(e);
            }
        }
        return calls;
    }

    private StepCall LoadStep(string file, YamlNode node, string path, IReadOnlyDictionary<string, string> parameters, InputErrors errors)
    {
        var location = YamlFile.At(file, node);
        string name;
        YamlNode? argumentsNode = null;
        TimeSpan? timeout = null;
        switch (node)
        {
            case YamlScalarNode { Value: { Length: > 0 } bare }:
                name = bare;
                break;
            case YamlMappingNode mapping:
                var map = new YamlMap(file, mapping, path);
                var names = map.Keys.Where(k => !StepOptions.Contains(k)).ToList();
                if (names.Count != 1)
                    throw new InputException(location, $"{path}: expected exactly one step name, found {(names.Count == 0 ? "none" : string.Join(", ", names))}");
                name = names[0];
                if (!steps.Contains(name))
                    throw new InputException(map.LocationOf(name), $"{path}: unknown step '{name}'; `certify list steps` shows them all");
                timeout = map.Duration("timeout");
                argumentsNode = map.Get(name);
                map.RejectUnknownKeys(errors);
                break;
            default:
                throw new InputException(location, $"{path}: expected '- step.name: arguments'");
        }
        if (!steps.Contains(name))
            throw new InputException(location, $"{path}: unknown step '{name}'; `certify list steps` shows them all");
        var binder = new ArgumentBinder(file, parameters, location, fileRoots);
        var arguments = binder.Bind(steps.Create(name).ArgumentsType, argumentsNode, $"{path}.{name}");
        return new StepCall(name, arguments, timeout, location);
    }
}
