using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>Returns the DUT to its factory state while its power is off: reset the state dir, run a command, or ask the operator.</summary>
[Capability("restore")]
public interface IRestoreProtocol
{
    Task RestoreAsync(AttemptContext attempt, CancellationToken ct);
}
