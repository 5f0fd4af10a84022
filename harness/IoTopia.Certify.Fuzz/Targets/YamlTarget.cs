using IoTopia.Certify.Cli;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Mutation;
using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Declarations;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>
/// The YAML loaders as lint, <c>--plan</c> and run call them: suites (with the real steps, the catalogue and the
/// default rig's DUT facts, then planned), rigs (with the real rig kinds), conformance statements, assessor
/// decisions, the requirement catalogue and framework files. Their own error is <see cref="InputException"/>.
/// </summary>
public sealed class YamlTarget : IFuzzTarget
{
    private readonly Workspace _workspace = new();
    private readonly RequirementCatalogue _catalogue;
    private readonly RigDescription _rig;
    private readonly IReadOnlyDictionary<string, string> _ambient;

    public YamlTarget(string root)
    {
        (_catalogue, _) = LoadedInputs.LoadCatalogue(root);
        _rig = RigLoader.Load(Path.Combine(root, "rigs", "virtual.yaml"), Composition.RigKinds);
        _ambient = _rig.Dut.AsParameters();
        // Decisions name documents beside the file: the fixture's, so that a mutant still reaches the hash check.
        var documents = Path.Combine(root, "fixtures", "reference-device-declarations", "documents");
        if (Directory.Exists(documents))
        {
            Directory.CreateDirectory(Path.Combine(_workspace.Path, "documents"));
            foreach (var file in Directory.EnumerateFiles(documents))
                File.Copy(file, Path.Combine(_workspace.Path, "documents", Path.GetFileName(file)));
        }
    }

    public string Name => "yaml";

    public string Extension => ".yaml";

    public Dialect Dialect => Dialect.Yaml;

    public IReadOnlyList<Seed> Seeds(SeedCorpus corpus) => corpus.Yaml();

    public static YamlRole RoleOf(Seed seed)
    {
        var parts = seed.Path.Split(Path.DirectorySeparatorChar);
        return seed.Name switch
        {
            "requirements.yaml" => YamlRole.Catalogue,
            "statement.yaml" => YamlRole.Statement,
            "decisions.yaml" => YamlRole.Decisions,
            _ when parts.Contains("frameworks") => YamlRole.Framework,
            _ when seed.Name.EndsWith(".rig.yaml", StringComparison.Ordinal) || parts.Length > 1 && parts[^2] == "rigs" => YamlRole.Rig,
            _ => YamlRole.Suite,
        };
    }

    public void Run(byte[] input, Seed origin)
    {
        var role = RoleOf(origin);
        // LoadAll reads a folder: a framework mutant gets one of its own.
        var file = _workspace.Write(input, Extension, role == YamlRole.Framework ? $"frameworks-{Guid.NewGuid():N}" : "");
        try
        {
            Load(role, file);
        }
        catch (InputException e) when (Unlocated(e.Message, file) is { } line)
        {
            throw new UnlocatedErrorException(line, file, e);
        }
        finally
        {
            Workspace.Remove(file);
            if (role == YamlRole.Framework)
                Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    private void Load(YamlRole role, string file)
    {
        switch (role)
        {
            case YamlRole.Suite:
                var known = _catalogue.ById.Keys.ToHashSet(StringComparer.Ordinal);
                var suite = new SuiteLoader(Composition.Steps, known, _ambient).Load([file], new Dictionary<string, string>());
                var declarations = new RunDeclarations(ConformanceStatement.None, new Dictionary<string, AssessorDecision>());
                Planner.Plan(suite, _catalogue, declarations, _rig, null, "T3");
                break;
            case YamlRole.Rig:
                RigLoader.Load(file, Composition.RigKinds);
                break;
            case YamlRole.Statement:
                StatementLoader.Load(file, _catalogue);
                break;
            case YamlRole.Decisions:
                DecisionsLoader.Load(file, _catalogue);
                break;
            case YamlRole.Catalogue:
                RequirementCatalogue.Load(file);
                break;
            case YamlRole.Framework:
                FrameworkLoader.LoadAll(Path.GetDirectoryName(file)!);
                break;
        }
    }

    /// <summary>
    /// The parser's own error, as long as each of its messages names the file and a line in it: one that does not
    /// (other than the size limit, which is about the whole file) is a failure of its own.
    /// </summary>
    public bool IsOwnError(Exception e) => e is InputException;

    /// <summary>
    /// A message of the error that names the file but no line in it, or a first line that names neither. Lines not
    /// starting with the file continue the one before (a quoted value may hold line breaks).
    /// </summary>
    private static string? Unlocated(string message, string file)
    {
        var located = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(file) + @":\d+:\d+: ");
        var lines = message.Split('\n');
        if (!lines[0].StartsWith(file, StringComparison.Ordinal))
            return lines[0];
        return lines.FirstOrDefault(line => line.StartsWith(file, StringComparison.Ordinal) && !located.IsMatch(line)
                                            && !line.StartsWith($"{file}: file is ", StringComparison.Ordinal));
    }

    // Files are at most 4 MiB and 100,000 nodes (YamlBounds); a node tree and its error texts cost a small multiple.
    public long MaxAllocatedBytes(byte[] input) => 256L * 1024 * 1024 + 64L * input.Length;

    public void Dispose() => _workspace.Dispose();
}
