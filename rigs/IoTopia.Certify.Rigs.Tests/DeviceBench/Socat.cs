using System.Diagnostics;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Processes;

namespace IoTopia.Certify.Rigs.Tests.DeviceBench;

/// <summary>A pty pair made by socat as a run-owned process, as the virtual rig makes it.</summary>
internal static class Socat
{
    public static string? Executable { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "socat")).FirstOrDefault(File.Exists);

    public static void Require()
    {
        if (Executable is null)
            Assert.Ignore("socat is not installed (apt-get install -y socat): the serial tests need a pty pair");
    }

    /// <summary>Starts socat linking two ptys at <paramref name="a"/> and <paramref name="b"/>, and waits for both links.</summary>
    public static async Task<OwnedProcess> StartAsync(RunContext run, string a, string b)
    {
        Require();
        var info = new ProcessStartInfo(Executable!) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { $"pty,raw,echo=0,link={a}", $"pty,raw,echo=0,link={b}" })
            info.ArgumentList.Add(arg);
        var socat = run.StartProcess(info);
        socat.Process.ErrorDataReceived += (_, _) => { };
        socat.Process.BeginErrorReadLine();
        socat.Process.OutputDataReceived += (_, _) => { };
        socat.Process.BeginOutputReadLine();
        await Poll.UntilAsync(() => Rigs.Serial.SerialPorts.Exists(a) && Rigs.Serial.SerialPorts.Exists(b), TimeSpan.FromSeconds(10), "socat's pty links");
        return socat;
    }
}
