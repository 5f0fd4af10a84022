namespace IoTopia.Certify.Fuzz.Campaigns;

/// <summary>The figures of one campaign: executions, their rate, and each distinct failure with where its first input was saved.</summary>
public sealed record CampaignResult(
    string Target,
    long Execs,
    long Accepted,
    long Refused,
    TimeSpan Elapsed,
    TimeSpan InParser,
    IReadOnlyDictionary<string, (long Count, string SavedAs)> Failures,
    string? DiedBefore)
{
    public double ExecsPerSecond => Elapsed.TotalSeconds > 0 ? Execs / Elapsed.TotalSeconds : 0;

    public void Print(TextWriter output)
    {
        output.WriteLine($"target {Target}: {Execs} execs in {Elapsed.TotalSeconds:0.0} s, {ExecsPerSecond:0.0} execs/s; {Accepted} accepted, {Refused} refused with the parser's own error; {Failures.Count} distinct failures");
        output.WriteLine($"  {InParser.TotalSeconds / Math.Max(Elapsed.TotalSeconds, 1e-9):P0} of the time in the parser (the rest: mutating, and recording each input before it runs)");
        if (DiedBefore is not null)
            output.WriteLine($"  a previous campaign died on an input, saved as {DiedBefore}");
        foreach (var (signature, (count, saved)) in Failures)
            output.WriteLine($"  {count} × {signature}\n      first saved as {saved}");
    }
}
