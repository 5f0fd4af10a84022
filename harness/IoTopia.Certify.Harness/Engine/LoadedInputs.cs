using IoTopia.Certify.Harness.Answers;
using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Declarations;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>Everything a run reads before it touches a device: rig, catalogue, declarations, suites, and the plan.</summary>
public sealed record LoadedInputs(
    RigDescription Rig,
    RequirementCatalogue Catalogue,
    RunDeclarations Declarations,
    Suite Suite,
    IReadOnlyList<PlannedScenario> Plan,
    string? StatementFile,
    string? DecisionsFile)
{
    /// <summary>The run's answers file (<c>--answers</c>), read and checked against the suite and plan.</summary>
    public AnswersFile? Answers { get; init; }

    /// <summary>The drivers the run brings itself (<see cref="IRunDrivers"/>): added to the rig's when it starts.</summary>
    public IReadOnlyList<RunDriver> RunDrivers { get; init; } = [];

    public static string CataloguePath(string projectRoot) => Path.Combine(projectRoot, "suites", "requirements.yaml");

    public static string FrameworksPath(string projectRoot) => Path.Combine(projectRoot, "suites", "frameworks");

    /// <summary>The catalogue with every cross-reference checked against the framework files.</summary>
    public static (RequirementCatalogue Catalogue, IReadOnlyDictionary<string, Framework> Frameworks) LoadCatalogue(string projectRoot)
    {
        var path = CataloguePath(projectRoot);
        if (!File.Exists(path))
            return (RequirementCatalogue.Empty, new Dictionary<string, Framework>());
        var catalogue = RequirementCatalogue.Load(path);
        var frameworks = FrameworkLoader.LoadAll(FrameworksPath(projectRoot));
        var problems = ReferenceCheck.Problems(catalogue, frameworks);
        if (problems.Count > 0)
            throw new InputException(string.Join(Environment.NewLine, problems));
        return (catalogue, frameworks);
    }

    /// <exception cref="InputException">any bad input, with file, line, column and key</exception>
    /// <param name="runDrivers">the drivers the run brings (a person at the terminal, an answers file); none when null</param>
    public static LoadedInputs Load(RunRequest request, StepRegistry steps, RigKinds kinds, IRunDrivers? runDrivers = null)
    {
        var errors = new InputErrors();
        RigDescription? rig = null;
        try
        {
            rig = RigLoader.Load(request.RigFile, kinds);
        }
        catch (InputException e)
        {
            errors.Add(e);
        }
        var (catalogue, _) = LoadCatalogue(request.ProjectRoot);
        if (!RequirementCatalogue.Tiers.Contains(request.Tier))
            errors.Add($"--tier '{request.Tier}': must be T1, T2 or T3");
        if (rig is not null)
        {
            foreach (var problem in RigOptionProblems(rig, request.RigOptions, kinds))
                errors.Add(problem);
            rig = rig with { Options = request.RigOptions };
        }

        var statementFile = request.Statement ?? rig?.Statement;
        var decisionsFile = request.Decisions ?? rig?.Decisions;
        var statement = ConformanceStatement.None;
        var decisions = new Dictionary<string, AssessorDecision>() as IReadOnlyDictionary<string, AssessorDecision>;
        try
        {
            if (statementFile is not null)
                statement = StatementLoader.Load(statementFile, catalogue);
        }
        catch (InputException e)
        {
            errors.Add(e);
        }
        try
        {
            if (decisionsFile is not null)
                decisions = DecisionsLoader.Load(decisionsFile, catalogue);
        }
        catch (InputException e)
        {
            errors.Add(e);
        }

        Suite? suite = null;
        try
        {
            var known = catalogue.Requirements.Count > 0 ? catalogue.ById.Keys.ToHashSet(StringComparer.Ordinal) : null;
            var ambient = statement.AsParameters().Concat(rig?.Dut.AsParameters() ?? new Dictionary<string, string>())
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            string[] rigFolder = request.RigFile is { Length: > 0 } rigFile ? [Path.GetDirectoryName(Path.GetFullPath(rigFile))!] : [];
            suite = new SuiteLoader(steps, known, ambient, rigFolder).Load(request.Suites, request.Parameters);
        }
        catch (InputException e)
        {
            errors.Add(e);
        }
        AnswersFile? answers = null;
        try
        {
            if (request.Answers is { } answersFile)
                answers = AnswersLoader.Load(answersFile);
        }
        catch (InputException e)
        {
            errors.Add(e);
        }
        errors.ThrowIfAny();
        var brought = runDrivers?.For(request, answers) ?? [];
        rig = WithRunDrivers(rig!, brought);
        var declarations = new RunDeclarations(statement, decisions);
        var plan = Planner.Plan(suite!, catalogue, declarations, rig, request.Filter, request.Tier);
        if (answers is not null)
        {
            foreach (var problem in AnswersCheck.Problems(answers, suite!, plan))
                errors.Add(problem);
            errors.ThrowIfAny();
        }
        return new LoadedInputs(rig, catalogue, declarations, suite!, plan, statementFile, decisionsFile) { Answers = answers, RunDrivers = brought };
    }

    /// <summary>The rig with the run's own drivers: their bindings after the rig's, their capabilities joined in the contract's order.</summary>
    private static RigDescription WithRunDrivers(RigDescription rig, IReadOnlyList<RunDriver> brought)
    {
        if (brought.Count == 0)
            return rig;
        var bindings = brought.Select(d => new Drivers.DriverBinding(d.Driver.GetType(), d.Name, d.Resource)).ToList();
        var given = rig.Capabilities.Concat(bindings.SelectMany(b => b.Capabilities)).ToHashSet(StringComparer.Ordinal);
        return rig with
        {
            Bindings = [.. rig.Bindings, .. bindings],
            Capabilities = Capabilities.InOrder.Where(given.Contains).ToList(),
        };
    }

    private static IEnumerable<string> RigOptionProblems(RigDescription rig, IReadOnlyDictionary<string, string> given, RigKinds kinds)
    {
        var accepted = kinds.Find(rig.Kind)?.Options ?? new Dictionary<string, string>();
        foreach (var name in given.Keys.Where(n => !accepted.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            var takes = accepted.Count == 0 ? "takes no rig options" : $"takes only {string.Join(", ", accepted.Keys.Order(StringComparer.Ordinal))}";
            var others = kinds.Names.Where(k => kinds.Find(k)!.Options.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
            var elsewhere = others.Count == 0 ? "no rig kind takes it" : $"rig kinds that take it: {string.Join(", ", others)}";
            yield return $"rig option '{name}': rig '{rig.Name}' ({rig.File}) is of kind '{rig.Kind}', which {takes}; {elsewhere}";
        }
    }

    /// <summary>Every secret value of the rig file, the statement and the answers file (<see cref="Secrets.SecretRule"/>).</summary>
    public IEnumerable<Secrets.SecretValue> Secrets => Rig.Secrets.Concat(Declarations.Statement.Secrets).Concat(Answers?.Secrets ?? []);

    /// <summary>The files whose content the run depends on, with the role of each.</summary>
    public IEnumerable<(string Path, string Role)> InputFiles()
    {
        yield return (Rig.File, "rig");
        foreach (var f in Suite.Files)
            yield return (f, "suite");
        if (Catalogue.File is { } c)
            yield return (c, "catalogue");
        if (StatementFile is { } s)
            yield return (s, "statement");
        if (DecisionsFile is { } d)
            yield return (d, "decisions");
        if (Answers is { } a)
            yield return (a.File, "answers");
        foreach (var doc in Declarations.Decisions.Values.SelectMany(x => x.Documents).Select(x => x.Path).Distinct())
            yield return (doc, "document");
    }
}
