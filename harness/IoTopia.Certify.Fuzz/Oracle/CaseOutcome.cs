using System.Diagnostics;
using IoTopia.Certify.Fuzz.Targets;

namespace IoTopia.Certify.Fuzz.Oracle;

/// <summary>What one input did to a parser; <see cref="Error"/> is the parser's own error when it refused the input, or the crash.</summary>
public sealed record CaseOutcome(CaseVerdict Verdict, TimeSpan Elapsed, long AllocatedBytes, Exception? Error, string Detail = "")
{
    public bool IsFailure => Verdict is CaseVerdict.Crash or CaseVerdict.Hang or CaseVerdict.Memory;

    /// <summary>Failures with the same signature are one distinct failure: the exception type and the first frame in our code.</summary>
    public string Signature => Verdict switch
    {
        CaseVerdict.Crash when Error is UnlocatedErrorException unlocated => $"unlocated error: {unlocated.Shape}",
        CaseVerdict.Crash => $"crash: {Error!.GetType().Name} at {Where(Error)}",
        CaseVerdict.Hang => "hang: " + Detail,
        CaseVerdict.Memory => "memory: " + Detail,
        _ => Verdict.ToString().ToLowerInvariant(),
    };

    public override string ToString() =>
        $"{Signature} ({Elapsed.TotalMilliseconds:0} ms, {AllocatedBytes / 1024.0 / 1024:0.0} MiB allocated){Environment.NewLine}{(Verdict == CaseVerdict.Refused ? Error?.Message : Error?.ToString())}".TrimEnd();

    private static string Where(Exception e)
    {
        var frames = new StackTrace(e).GetFrames();
        var ours = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.FullName is { } type
                                              && type.StartsWith("IoTopia.Certify.", StringComparison.Ordinal)
                                              && !type.StartsWith("IoTopia.Certify.Fuzz.Targets.", StringComparison.Ordinal)
                                              && !type.StartsWith("IoTopia.Certify.Fuzz.Oracle.", StringComparison.Ordinal))
                   ?? frames.FirstOrDefault();
        var method = ours?.GetMethod();
        return method is null ? "(no stack)" : $"{method.DeclaringType?.FullName}.{method.Name}";
    }
}
