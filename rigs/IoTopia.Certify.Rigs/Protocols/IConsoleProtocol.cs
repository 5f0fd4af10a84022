using IoTopia.Certify.Harness.Drivers;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>The DUT's serial console: everything it printed since the rig started, and a way to type.</summary>
[Capability("serial")]
public interface IConsoleProtocol
{
    /// <summary>Every byte received, in order, with the time it arrived.</summary>
    ISerialLog Log { get; }

    Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct);
}
