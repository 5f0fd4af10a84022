using System.Runtime.InteropServices;

namespace IoTopia.Certify.TestKit;

/// <summary>
/// Whether this (test) process has started any child process since a point in time. A child still running,
/// or exited but not yet reaped, is listed in /proc/self/task/*/children; a reaped one adds its page faults
/// (hundreds for any program that ran at all) to getrusage(RUSAGE_CHILDREN), which only grows. Neither can
/// miss a child that came and went between two looks, which is why the in-process engine tests use it as their guard.
/// </summary>
public static partial class ChildProcessWatch
{
    /// <summary>What this process's children have left so far.</summary>
    public readonly record struct Snapshot(long ReapedChildrenPageFaults, IReadOnlyList<int> LivingChildren);

    public static Snapshot Take() => new(ReapedChildrenPageFaults(), LivingChildren());

    /// <summary>Null when no child process was started since <paramref name="before"/>; otherwise what shows one was.</summary>
    public static string? StartedSince(Snapshot before)
    {
        var now = Take();
        if (now.LivingChildren.Count > 0)
            return $"child processes still running or unreaped: pids {string.Join(", ", now.LivingChildren)} ({string.Join("; ", now.LivingChildren.Select(CommandLine))})";
        if (now.ReapedChildrenPageFaults != before.ReapedChildrenPageFaults)
            return $"a child process ran and was reaped (the page faults of reaped children, getrusage(RUSAGE_CHILDREN), went from {before.ReapedChildrenPageFaults} to {now.ReapedChildrenPageFaults})";
        return null;
    }

    private static List<int> LivingChildren()
    {
        var children = new List<int>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                children.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
            catch (IOException)
            {
                // the thread ended while we looked
            }
        }
        return children;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "(gone)";
        }
    }

    private static long ReapedChildrenPageFaults()
    {
        if (GetRusage(RusageChildren, out var usage) != 0)
            throw new InvalidOperationException($"getrusage(RUSAGE_CHILDREN) failed: errno {Marshal.GetLastPInvokeError()}");
        return usage.MinorFaults + usage.MajorFaults;
    }

    private const int RusageChildren = -1;

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs (ru_maxrss … ru_nivcsw).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxRss, SharedText, UnsharedData, UnsharedStack;
        public long MinorFaults, MajorFaults;
        public long Swaps, BlockInputs, BlockOutputs, MessagesSent, MessagesReceived, Signals, VoluntarySwitches, InvoluntarySwitches;
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, out Rusage usage);
}
