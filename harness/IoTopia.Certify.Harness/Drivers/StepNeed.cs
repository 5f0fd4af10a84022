namespace IoTopia.Certify.Harness.Drivers;

/// <summary>One protocol a step declares, with the capability it maps to.</summary>
public sealed record StepNeed(Type Protocol, string Capability, bool Optional);
