using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Steps;

/// <summary>
/// The device sent something that cannot be parsed (garbled serial, oversized header, bad CBOR).
/// That is the device's outcome — <c>fail</c> or <c>inconclusive</c> — never the lab's <c>error</c>.
/// </summary>
public sealed class DeviceInputException(string message, Verdict verdict = Verdict.Fail, Exception? inner = null)
    : Exception(message, inner)
{
    public Verdict Verdict { get; } = verdict is Verdict.Fail or Verdict.Inconclusive
        ? verdict
        : throw new ArgumentException("device input yields fail or inconclusive only", nameof(verdict));
}
