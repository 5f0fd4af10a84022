namespace IoTopia.Certify.Rigs.Netns;

/// <summary>The network namespaces a rig kind makes for the run in one slot, from the root namespace (<see cref="NamespaceRun"/>).</summary>
public interface IRunNamespaces
{
    int Slot { get; }

    /// <summary>Where the run itself goes: the harness, lab services, capture.</summary>
    string LabNamespace { get; }

    /// <summary>What they are called in messages, e.g. "iotc3-lab and iotc3-dut".</summary>
    string Names { get; }

    /// <summary>Makes them; on failure removes what it made.</summary>
    Task CreateAsync(CancellationToken ct);

    /// <summary>Kills what is inside and deletes them, if they exist; returns the pids it killed.</summary>
    Task<IReadOnlyList<int>> RemoveAsync(CancellationToken ct);
}
