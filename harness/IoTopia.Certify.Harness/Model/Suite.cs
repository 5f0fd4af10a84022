namespace IoTopia.Certify.Harness.Model;

/// <summary>All scenarios loaded from the suite paths, in file order, and the files they came from.</summary>
public sealed record Suite(IReadOnlyList<Scenario> Scenarios, IReadOnlyList<string> Files);
