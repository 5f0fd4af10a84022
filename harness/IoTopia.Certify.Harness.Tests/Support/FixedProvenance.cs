using IoTopia.Certify.Harness.Provenance;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Tests.Support;

/// <summary>Provenance that asks nobody (no git, no dpkg-query): runs in these tests start no process.</summary>
public sealed class FixedProvenance : IProvenanceSource
{
    public static FixedProvenance Instance { get; } = new();

    public Task<HarnessInfo> HarnessAsync(string projectRoot) => Task.FromResult(new HarnessInfo("0.0.0-test", "in-process-test"));

    public Task<IReadOnlyDictionary<string, string>> ToolsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["dotnet"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        });
}
