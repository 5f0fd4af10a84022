using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>A person at the bench: follows instructions given on the terminal and confirms with Enter, within a deadline.</summary>
[Capability("operator")]
public interface IOperatorProtocol
{
    /// <summary>Shows <paramref name="instructions"/> and waits for the operator's confirmation; throws when nobody confirms in time.</summary>
    Task ConfirmAsync(AttemptContext attempt, string instructions, CancellationToken ct);
}
