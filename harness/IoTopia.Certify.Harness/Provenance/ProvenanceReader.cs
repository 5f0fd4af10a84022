using System.Reflection;
using System.Runtime.InteropServices;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Provenance;

/// <summary>What produced a run: the harness version and commit, and the versions of the tools it drives.</summary>
public static class ProvenanceReader
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public static async Task<HarnessInfo> HarnessAsync(string projectRoot)
    {
        var version = typeof(ProvenanceReader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var commit = await ToolRunner.OutputAsync("git", ["rev-parse", "HEAD"], projectRoot, Deadline) ?? "unknown";
        var dirty = await ToolRunner.OutputAsync("git", ["status", "--porcelain", "--untracked-files=no"], projectRoot, Deadline);
        return new HarnessInfo(version.Split('+')[0], commit + (string.IsNullOrEmpty(dirty) ? "" : "-dirty"));
    }

    public static async Task<IReadOnlyDictionary<string, string>> ToolsAsync()
    {
        var tools = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["kernel"] = File.Exists("/proc/sys/kernel/osrelease") ? (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease")).Trim() : RuntimeInformation.OSDescription,
        };
        foreach (var (name, package) in new[] { ("libpcap", "libpcap0.8"), ("chromium", "chromium"), ("tshark", "tshark"), ("socat", "socat"), ("dnsmasq", "dnsmasq") })
        {
            var version = await ToolRunner.OutputAsync("dpkg-query", ["-W", "-f=${Version}", package], null, Deadline);
            tools[name] = string.IsNullOrEmpty(version) ? "absent" : version;
        }
        return tools;
    }
}
