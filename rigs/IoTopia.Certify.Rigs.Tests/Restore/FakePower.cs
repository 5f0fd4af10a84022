using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.Restore;

/// <summary>A power switch that is only a state, for restore tests that need no device.</summary>
internal sealed class FakePower : IPowerProtocol
{
    public PowerState State { get; set; } = PowerState.Off;

    public Task OnAsync(CancellationToken ct)
    {
        State = PowerState.On;
        return Task.CompletedTask;
    }

    public Task OffAsync(CancellationToken ct)
    {
        State = PowerState.Off;
        return Task.CompletedTask;
    }

    public Task<PowerState> GetStateAsync(CancellationToken ct) => Task.FromResult(State);
}
