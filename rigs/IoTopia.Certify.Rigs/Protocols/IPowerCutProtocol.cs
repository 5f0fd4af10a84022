using IoTopia.Certify.Harness.Drivers;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>
/// Power that is cut at a chosen moment, within milliseconds of the call (the virtual device's SIGKILL; a
/// bench relay fast and exact enough), so a cut can land mid-write. Slow switches give <c>power</c> only.
/// </summary>
[Capability("power.cut")]
public interface IPowerCutProtocol : IPowerProtocol;
