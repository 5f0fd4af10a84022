using System.Diagnostics;
using System.Globalization;

namespace IoTopia.Certify.Benchmarks;

/// <summary>Runs a program to its end, timing it and sampling its peak resident set (VmHWM from /proc) as it runs.</summary>
public sealed record Measured(TimeSpan Elapsed, long PeakBytes, int ExitCode, string Stdout)
{
    public static Measured Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var status = $"/proc/{process.Id}/status";
        while (!process.WaitForExit(10))
            peak = Math.Max(peak, HighWaterMark(status));
        watch.Stop();
        _ = stderr.Result;
        return new Measured(watch.Elapsed, peak, process.ExitCode, stdout.Result);
    }

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
}
