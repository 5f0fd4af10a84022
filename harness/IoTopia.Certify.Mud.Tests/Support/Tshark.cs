using System.Diagnostics;

namespace IoTopia.Certify.Mud.Tests.Support;

/// <summary>tshark, a pcap decoder we did not write; tests are ignored, saying why, when it is missing.</summary>
public static class Tshark
{
    public static string Run(params string[] args)
    {
        var info = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("tshark is not installed (apt-get install tshark): the independent check cannot run");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("tshark did not finish within 60 s");
            }
            Assert.That(process.ExitCode, Is.EqualTo(0), $"tshark failed: {stderr.Result}");
            return stdout.Result;
        }
    }

    /// <summary>One line per frame: the fields asked for, tab-separated.</summary>
    public static IReadOnlyList<string[]> Fields(string file, params string[] fields)
    {
        var args = new List<string> { "-r", file, "-T", "fields" };
        foreach (var f in fields)
        {
            args.Add("-e");
            args.Add(f);
        }
        return Run([.. args]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
    }
}
