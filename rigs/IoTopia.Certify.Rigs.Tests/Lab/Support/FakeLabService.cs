using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>A lab service that records when it starts, stops and resets into a shared list, and can hang or fail on start.</summary>
public sealed class FakeLabService(string name, List<string> events, bool hangOnStart = false, bool failOnStart = false) : IResettableLabService
{
    public string Name => name;

    public async Task StartAsync(LabContext lab, CancellationToken ct)
    {
        lock (events)
            events.Add($"start {name}");
        if (failOnStart)
            throw new IOException("port busy");
        if (hangOnStart)
            await Task.Delay(Timeout.InfiniteTimeSpan, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));
    }

    public void Reset()
    {
        lock (events)
            events.Add($"reset {name}");
    }

    public ValueTask DisposeAsync()
    {
        lock (events)
            events.Add($"stop {name}");
        return ValueTask.CompletedTask;
    }
}
