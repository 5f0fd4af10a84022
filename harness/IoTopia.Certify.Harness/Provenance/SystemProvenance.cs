using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Provenance;

/// <summary>Provenance as this machine tells it (git, dpkg-query): what every real run records.</summary>
public sealed class SystemProvenance : IProvenanceSource
{
    public static SystemProvenance Instance { get; } = new();

    public Task<HarnessInfo> HarnessAsync(string projectRoot) => ProvenanceReader.HarnessAsync(projectRoot);

    public Task<IReadOnlyDictionary<string, string>> ToolsAsync() => ProvenanceReader.ToolsAsync();
}
