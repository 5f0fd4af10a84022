using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Provenance;

/// <summary>Where a run's provenance comes from: the harness's version and commit, and the versions of the tools it drives.</summary>
public interface IProvenanceSource
{
    Task<HarnessInfo> HarnessAsync(string projectRoot);

    Task<IReadOnlyDictionary<string, string>> ToolsAsync();
}
