namespace IoTopia.Certify.Harness.Model;

/// <summary>One step as written in a scenario: the step's name, its bound arguments and options.</summary>
public sealed record StepCall(string Name, object Arguments, TimeSpan? Timeout, SourceLocation Location);
