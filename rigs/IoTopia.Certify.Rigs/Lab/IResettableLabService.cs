using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab;

/// <summary>A lab service with per-scenario configuration (blocked names, routes …) that goes back to the run's defaults.</summary>
public interface IResettableLabService : ILabService
{
    /// <summary>Forgets what scenarios configured; what was seen stays in the evidence.</summary>
    void Reset();
}
