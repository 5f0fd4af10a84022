using IoTopia.Certify.Harness.Drivers;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>Switches the DUT's power: a process start and SIGKILL (virtual), shell commands (any PDU or relay), relay bytes.</summary>
[Capability("power")]
public interface IPowerProtocol
{
    Task OnAsync(CancellationToken ct);

    /// <summary>Cuts power now — for the virtual device a SIGKILL, so what it had not written is lost.</summary>
    Task OffAsync(CancellationToken ct);

    Task<PowerState> GetStateAsync(CancellationToken ct);

    /// <summary>
    /// The state as the backend reports it, with its own words (a status command's output) for the evidence; a
    /// backend that has no way to read the state says why (<see cref="PowerReading.CannotRead"/>).
    /// </summary>
    async Task<PowerReading> ReadStateAsync(CancellationToken ct) => new(await GetStateAsync(ct));

    /// <summary>How long the reported state may take to follow a switch (a relay's moment, a supply's ramp).</summary>
    TimeSpan StatusWithin => TimeSpan.FromSeconds(10);
}

public enum PowerState
{
    Off,
    On,
    Unknown,
}
