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
}

public enum PowerState
{
    Off,
    On,
    Unknown,
}
