using System.Diagnostics;

namespace IoTopia.Certify.Rigs.Tests.Capture;

/// <summary>Reads pcaps with Wireshark's tshark: the decoder we did not write.</summary>
internal static class Tshark
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The given fields of every packet, one tab-separated line each; the exit code and stderr too.</summary>
    public static async Task<(int Exit, IReadOnlyList<string> Lines, string Errors)> FieldsAsync(string pcap, params string[] fields)
    {
        var tshark = new[] { "/usr/bin/tshark", "/usr/sbin/tshark" }.FirstOrDefault(File.Exists);
        if (tshark is null)
            Assert.Fail("tshark is not installed: apt-get install -y tshark (the launcher installs it)");
        var info = new ProcessStartInfo(tshark!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-n", "-r", pcap, "-T", "fields" })
            info.ArgumentList.Add(a);
        foreach (var f in fields)
        {
            info.ArgumentList.Add("-e");
            info.ArgumentList.Add(f);
        }
        using var process = Process.Start(info)!;
        using var cts = new CancellationTokenSource(Deadline);
        var output = process.StandardOutput.ReadToEndAsync(cts.Token);
        var errors = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (process.ExitCode, lines, await errors);
    }
}
