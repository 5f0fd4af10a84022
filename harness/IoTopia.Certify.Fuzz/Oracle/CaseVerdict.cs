namespace IoTopia.Certify.Fuzz.Oracle;

public enum CaseVerdict
{
    /// <summary>The parser understood the input (its findings, if any, are the input's problems).</summary>
    Accepted,

    /// <summary>The parser refused the input with its own error type: a clear error, not a failure.</summary>
    Refused,

    /// <summary>Any other exception.</summary>
    Crash,

    /// <summary>Still running at the deadline.</summary>
    Hang,

    /// <summary>Allocated more than the target's bound.</summary>
    Memory,
}
