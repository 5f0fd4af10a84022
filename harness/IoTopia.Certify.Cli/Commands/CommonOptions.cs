using System.CommandLine;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>Options several commands share, with the CONTRACTS.md defaults.</summary>
public static class CommonOptions
{
    public static Option<string> Rig() => new("--rig") { Description = "rig file (default rigs/virtual.yaml)" };

    public static Option<string[]> Suite() => new("--suite")
    {
        Description = "suite file or folder; repeatable (default suites/)",
        AllowMultipleArgumentsPerToken = false,
    };

    public static string RigOrDefault(string? rig, string root) => rig ?? Path.Combine(root, "rigs", "virtual.yaml");

    public static IReadOnlyList<string> SuitesOrDefault(string[]? suites, string root) =>
        suites is { Length: > 0 } ? suites : [Path.Combine(root, "suites")];
}
