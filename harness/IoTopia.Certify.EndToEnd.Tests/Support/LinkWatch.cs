using System.Diagnostics;

namespace IoTopia.Certify.EndToEnd.Tests.Support;

/// <summary>
/// dumpcap on one interface of the root namespace with a capture filter, writing a pcap until stopped
/// (SIGINT, so it closes the file). Started only once dumpcap says it is capturing.
/// </summary>
public sealed class LinkWatch : IAsyncDisposable
{
    private readonly Process _dumpcap;
    private readonly Task<string> _stderr;

    private LinkWatch(Process dumpcap, string pcap, Task<string> stderr)
    {
        _dumpcap = dumpcap;
        Pcap = pcap;
        _stderr = stderr;
    }

    public string Pcap { get; }

    /// <summary>
    /// Runs <paramref name="run"/> while watching <paramref name="interfaceName"/> (null: there is no link to watch) with
    /// <paramref name="filter"/>; returns its result and the frames the watch saw (frame number, MACs, IP addresses).
    /// </summary>
    public static async Task<(T Result, IReadOnlyList<string> Seen)> AroundAsync<T>(string? interfaceName, string filter, string pcap, Func<Task<T>> run)
    {
        if (interfaceName is null)
            return (await run(), []);
        await using var watch = await StartAsync(interfaceName, filter, pcap);
        var result = await run();
        await watch.StopAsync();
        return (result, await Tshark.MatchingLinesAsync(watch.Pcap, "frame", "frame.number", "eth.src", "eth.dst", "ip.src", "ip.dst"));
    }

    /// <param name="netns">a network namespace to watch in (<c>ip netns exec</c> execs dumpcap), or null for this one</param>
    public static async Task<LinkWatch> StartAsync(string interfaceName, string filter, string pcap, string? netns = null)
    {
        if (!File.Exists("/usr/bin/dumpcap"))
            Assert.Ignore("dumpcap (tshark) is not installed; ./certify test installs it");
        string[] dumpcapArgs = ["-q", "-i", interfaceName, "-f", filter, "-w", pcap, "-P"];
        var info = new ProcessStartInfo(netns is null ? "dumpcap" : "ip", netns is null ? dumpcapArgs : ["netns", "exec", netns, "dumpcap", .. dumpcapArgs])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var dumpcap = Process.Start(info)!;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var text = new System.Text.StringBuilder();
        var stderr = Task.Run(async () =>
        {
            while (await dumpcap.StandardError.ReadLineAsync() is { } line)
            {
                lock (text)
                    text.AppendLine(line);
                if (line.Contains("Capturing on", StringComparison.Ordinal))
                    started.TrySetResult();
            }
            lock (text)
                return text.ToString();
        });
        _ = dumpcap.StandardOutput.ReadToEndAsync();
        var first = await Task.WhenAny(started.Task, stderr, Task.Delay(TimeSpan.FromSeconds(20)));
        if (first != started.Task)
        {
            dumpcap.Kill();
            Assert.Fail($"dumpcap did not start capturing on {interfaceName}: {(stderr.IsCompleted ? await stderr : "(no word in 20 s)")}");
        }
        return new LinkWatch(dumpcap, pcap, stderr);
    }

    /// <summary>Stops the capture; the pcap is complete afterwards. Fails if dumpcap had died during the watch.</summary>
    public async Task StopAsync()
    {
        Assert.That(_dumpcap.HasExited, Is.False, $"dumpcap stopped during the watch: {(_stderr.IsCompleted ? await _stderr : "")}");
        await LinuxProcess.SignalAsync(_dumpcap.Id, "INT");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _dumpcap.WaitForExitAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_dumpcap.HasExited)
        {
            _dumpcap.Kill();
            await _dumpcap.WaitForExitAsync();
        }
        _dumpcap.Dispose();
    }
}
