using System.Diagnostics;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Targets;

namespace IoTopia.Certify.Fuzz.Oracle;

/// <summary>
/// Runs one input through a target on a thread of its own, with a deadline, and measures what the thread
/// allocated. A case past its deadline cannot be stopped (the parser takes no token): its thread is left
/// running in the background and counted in <see cref="Abandoned"/>, so a campaign can stop before they pile up.
/// </summary>
public sealed class CaseRunner(IFuzzTarget target, TimeSpan deadline)
{
    private sealed class Result
    {
        public CaseVerdict Verdict;
        public Exception? Error;
        public long Allocated;
        public TimeSpan Elapsed;
    }

    public IFuzzTarget Target => target;

    public TimeSpan Deadline => deadline;

    public int Abandoned { get; private set; }

    public CaseOutcome Run(byte[] input, Seed origin)
    {
        var result = new Result();
        var thread = new Thread(() => Execute(input, origin, result)) { IsBackground = true, Name = $"fuzz {target.Name}" };
        var clock = Stopwatch.StartNew();
        thread.Start();
        if (!thread.Join(deadline))
        {
            Abandoned++;
            return new CaseOutcome(CaseVerdict.Hang, clock.Elapsed, 0, null, $"still running after {deadline.TotalSeconds:0.#} s ({target.Name}, from {origin.Name})");
        }
        var bound = target.MaxAllocatedBytes(input);
        if (result.Allocated > bound && result.Verdict is CaseVerdict.Accepted or CaseVerdict.Refused)
        {
            return new CaseOutcome(CaseVerdict.Memory, result.Elapsed, result.Allocated, null,
                $"allocated {result.Allocated / 1024 / 1024} MiB for a {input.Length}-byte input (bound {bound / 1024 / 1024} MiB; {target.Name}, from {origin.Name})");
        }
        return new CaseOutcome(result.Verdict, result.Elapsed, result.Allocated, result.Error);
    }

    private void Execute(byte[] input, Seed origin, Result result)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        try
        {
            target.Run(input, origin);
            result.Verdict = CaseVerdict.Accepted;
        }
        catch (Exception e) when (target.IsOwnError(e))
        {
            result.Verdict = CaseVerdict.Refused;
            result.Error = e;
        }
        catch (Exception e)
        {
            result.Verdict = CaseVerdict.Crash;
            result.Error = e;
        }
        result.Elapsed = clock.Elapsed;
        result.Allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
