using System.Diagnostics;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Processes;

namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>
/// A pseudo-terminal pair made by socat: the harness opens one end as the DUT's serial port, the device
/// the other. It lives for the whole run, across power cycles, like a real UART cable.
/// </summary>
public sealed class SocatPair
{
    private SocatPair(OwnedProcess process, string harnessEnd, string deviceEnd)
    {
        Process = process;
        HarnessEnd = harnessEnd;
        DeviceEnd = deviceEnd;
    }

    public OwnedProcess Process { get; }
    public string HarnessEnd { get; }
    public string DeviceEnd { get; }

    /// <summary>The link to the end the harness opens, once the pair is started in <paramref name="folder"/>.</summary>
    public static string HarnessEndIn(string folder) => Path.Combine(folder, "serial-harness");

    /// <summary>The link to the end the device opens, once the pair is started in <paramref name="folder"/>.</summary>
    public static string DeviceEndIn(string folder) => Path.Combine(folder, "serial-device");

    public static async Task<SocatPair> StartAsync(RunContext run, string folder, CancellationToken ct)
    {
        var harnessEnd = HarnessEndIn(folder);
        var deviceEnd = DeviceEndIn(folder);
        foreach (var stale in new[] { harnessEnd, deviceEnd })
            File.Delete(stale); // a killed run's socat leaves its links dangling
        var info = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-d", "-d", $"pty,raw,echo=0,link={harnessEnd}", $"pty,raw,echo=0,link={deviceEnd}" })
            info.ArgumentList.Add(a);
        OwnedProcess process;
        try
        {
            process = run.StartProcess(info);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("socat is not installed (apt-get install socat; ./certify installs it when run as root)", e);
        }
        _ = process.Process.StandardError.ReadToEndAsync(CancellationToken.None); // socat's -d -d chatter: drained, not kept
        _ = process.Process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (!(File.Exists(harnessEnd) && File.Exists(deviceEnd)))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"socat exited ({process.Process.ExitCode}) before making the pty pair");
            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException("socat did not create the pty pair within 10 s");
            }
        }
        return new SocatPair(process, harnessEnd, deviceEnd);
    }
}
