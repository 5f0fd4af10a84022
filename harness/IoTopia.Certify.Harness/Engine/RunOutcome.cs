using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>A finished (or interrupted) run: its folder and its results.</summary>
public sealed record RunOutcome(RunFolder Folder, RunResults Results, bool Interrupted);
