namespace IoTopia.Certify.Harness.Engine;

/// <summary>What <c>certify run</c> was asked to do (CONTRACTS.md, command line).</summary>
public sealed record RunRequest
{
    public required string ProjectRoot { get; init; }
    public required string RigFile { get; init; }
    public required IReadOnlyList<string> Suites { get; init; }
    public string? Filter { get; init; }
    public string Tier { get; init; } = "T3";
    public string? Statement { get; init; }
    public string? Decisions { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Options for the rig's kind (e.g. <c>personality</c>); the engine only checks the kind accepts them.</summary>
    public IReadOnlyDictionary<string, string> RigOptions { get; init; } = new Dictionary<string, string>();

    public string Operator { get; init; } = Environment.UserName;
    public long Seed { get; init; }
    public string? OutDir { get; init; }
    public string? SignKey { get; init; }

    /// <summary>The operator's answers given ahead (<c>--answers FILE</c>): then nobody is asked at the terminal.</summary>
    public string? Answers { get; init; }
}
