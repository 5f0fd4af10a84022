using System.Diagnostics;

namespace IoTopia.Certify.Harness.Tests.Support;

/// <summary>Runs a system tool (ip, tshark) to its end within a deadline and returns what it printed.</summary>
public static class Tool
{
    public static async Task<string> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        Assert.That(process.ExitCode, Is.Zero, $"{program} {string.Join(' ', args)}: {await stderr}");
        return await stdout;
    }

    /// <summary>One line per packet of <paramref name="pcap"/> matching <paramref name="displayFilter"/>, the given fields tab-separated, as tshark reads them.</summary>
    public static async Task<IReadOnlyList<string>> TsharkAsync(string pcap, string displayFilter, params string[] fields)
    {
        if (!File.Exists("/usr/bin/tshark"))
            Assert.Ignore("tshark is not installed; ./certify test installs it");
        string[] args = ["-r", pcap, "-Y", displayFilter, "-T", "fields", .. fields.SelectMany(f => new[] { "-e", f })];
        return (await RunAsync("tshark", args)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The network namespaces that exist now.</summary>
    public static async Task<IReadOnlyList<string>> NetnsAsync() =>
        (await RunAsync("ip", "netns", "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();

    /// <summary>The pids inside a network namespace.</summary>
    public static async Task<IReadOnlyList<int>> NetnsPidsAsync(string name) =>
        (await RunAsync("ip", "netns", "pids", name)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

    /// <summary>The interface of the root namespace's default route, or null when there is none.</summary>
    public static async Task<string?> DefaultRouteInterfaceAsync()
    {
        var words = (await RunAsync("ip", "route", "show", "default")).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var dev = Array.IndexOf(words, "dev");
        return dev >= 0 && dev + 1 < words.Length ? words[dev + 1] : null;
    }
}
