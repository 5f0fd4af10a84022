using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.Rigs.Backends;

/// <summary>What a backend gets when the rig starts: the run, the drivers built before it (slot order), and the rig file's folder.</summary>
public sealed record BackendContext(RunContext Run, DriverRegistry Drivers, string RigFolder);
