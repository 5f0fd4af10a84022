using System.Diagnostics;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Targets;

namespace IoTopia.Certify.Fuzz.Oracle;

/// <summary>
/// Runs one input through a target with a deadline and measures what the case allocated (on its thread).
/// <para>
/// Isolated (the default, for the tests): each case runs on a thread of its own, so a case past its deadline
/// is reported as a hang and the caller goes on; that thread cannot be stopped (the parser takes no token) and
/// is left running in the background, counted in <see cref="Abandoned"/>.
/// </para>
/// <para>
/// Inline (for long campaigns, where handing every case to another thread costs more than most parsers take on a
/// loaded machine): the case runs on the calling thread while a watchdog timer waits for the deadline; if it
/// fires, <c>onHang</c> is called from the timer's thread with the hang outcome — the campaign saves the input
/// and ends the process, since the stuck thread is its own.
/// </para>
/// </summary>
public sealed class CaseRunner(IFuzzTarget target, TimeSpan deadline, Action<CaseOutcome>? onHang = null)
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

    public CaseOutcome Run(byte[] input, Seed origin) => onHang is null ? Isolated(input, origin) : Inline(input, origin, onHang);

    private CaseOutcome Isolated(byte[] input, Seed origin)
    {
        var result = new Result();
        var thread = new Thread(() => Execute(input, origin, result)) { IsBackground = true, Name = $"fuzz {target.Name}" };
        var clock = Stopwatch.StartNew();
        thread.Start();
        if (!thread.Join(deadline))
        {
            Abandoned++;
            return Hang(origin, clock.Elapsed);
        }
        return Judge(input, origin, result);
    }

    private CaseOutcome Inline(byte[] input, Seed origin, Action<CaseOutcome> hang)
    {
        var result = new Result();
        var clock = Stopwatch.StartNew();
        using (new Timer(_ => hang(Hang(origin, clock.Elapsed)), null, deadline, Timeout.InfiniteTimeSpan))
            Execute(input, origin, result);
        return Judge(input, origin, result);
    }

    private CaseOutcome Hang(Seed origin, TimeSpan elapsed) =>
        new(CaseVerdict.Hang, elapsed, 0, null, $"still running after {deadline.TotalSeconds:0.#} s ({target.Name}, from {origin.Name})");

    private CaseOutcome Judge(byte[] input, Seed origin, Result result)
    {
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
