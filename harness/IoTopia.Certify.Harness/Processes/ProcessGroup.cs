using System.Diagnostics;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Processes;

/// <summary>Child processes that end together: an attempt's, or the run's (socat, the device, lab services).</summary>
public sealed class ProcessGroup(Journal journal, string? scenarioId)
{
    private readonly List<OwnedProcess> _processes = [];
    private readonly Lock _lock = new();

    public OwnedProcess Start(ProcessStartInfo info)
    {
        var process = OwnedProcess.Start(info, journal, scenarioId);
        lock (_lock)
            _processes.Add(process);
        return process;
    }

    /// <summary>Kills and reaps every process still running, newest first.</summary>
    public async Task ReapAsync()
    {
        List<OwnedProcess> all;
        lock (_lock)
        {
            all = [.. _processes];
            _processes.Clear();
        }
        all.Reverse();
        foreach (var process in all)
            await process.DisposeAsync();
    }
}
