using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>How one attempt ended. <see cref="Interrupted"/>: the run was stopped (Ctrl-C) during it.</summary>
public sealed record AttemptOutcome(Verdict Verdict, string Reason, bool Interrupted);
