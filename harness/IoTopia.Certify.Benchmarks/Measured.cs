using System.Diagnostics;
using System.Globalization;

namespace IoTopia.Certify.Benchmarks;

/// <summary>Runs a program to its end, timing it and sampling its peak resident set (VmHWM from /proc) and CPU time as it runs.</summary>
public sealed record Measured(TimeSpan Elapsed, long PeakBytes, TimeSpan Cpu, int ExitCode, string Stdout)
{
    public static Measured Run((string Name, string Value)[] environment, string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var cpu = TimeSpan.Zero;
        var status = $"/proc/{process.Id}/status";
        var stat = $"/proc/{process.Id}/stat";
        while (!process.WaitForExit(5))
        {
            peak = Math.Max(peak, HighWaterMark(status));
            cpu = Max(cpu, CpuTime(stat));
        }
        watch.Stop();
        _ = stderr.Result;
        return new Measured(watch.Elapsed, peak, cpu, process.ExitCode, stdout.Result);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static long HighWaterMark(string status)
    {
        try
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    /// <summary>utime + stime from /proc/PID/stat (clock ticks of 1/100 s), as far as the last sample saw.</summary>
    private static TimeSpan CpuTime(string stat)
    {
        try
        {
            var text = File.ReadAllText(stat);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return TimeSpan.Zero;
        }
    }
}
