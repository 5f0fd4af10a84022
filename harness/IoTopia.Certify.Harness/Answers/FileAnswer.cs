using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Harness.Answers;

/// <summary>One answer of an answers file, where it is written, and whether it is secret (<see cref="Secrets.SecretRule"/>).</summary>
public sealed record FileAnswer(string Value, SourceLocation Location, bool Secret);
