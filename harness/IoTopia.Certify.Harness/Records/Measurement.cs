using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Records;

/// <summary>A measured value with its unit and limits, like OpenHTF's measurements.</summary>
public sealed record Measurement
{
    public required string Name { get; init; }
    public required object Value { get; init; }
    public string Unit { get; init; } = "";
    public double? Low { get; init; }
    public double? High { get; init; }
    public string? Expected { get; init; }
    public required Verdict Verdict { get; init; }

    /// <summary>A number judged against inclusive limits; no limits means it is only recorded (pass).</summary>
    public static Measurement Of(string name, double value, string unit = "", double? low = null, double? high = null) => new()
    {
        Name = name,
        Value = value,
        Unit = unit,
        Low = low,
        High = high,
        Verdict = (low is null || value >= low) && (high is null || value <= high) && !double.IsNaN(value)
            ? Verdict.Pass
            : Verdict.Fail,
    };

    /// <summary>A value that must equal <paramref name="expected"/> exactly.</summary>
    public static Measurement Equal(string name, string value, string expected, string unit = "") => new()
    {
        Name = name,
        Value = value,
        Unit = unit,
        Expected = expected,
        Verdict = string.Equals(value, expected, StringComparison.Ordinal) ? Verdict.Pass : Verdict.Fail,
    };
}
