using System.Diagnostics;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Processes;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>The device's serial console as the virtual rig makes it: a socat pty pair, owned by the run (journaled, reaped).</summary>
public sealed class SocatPty : IAsyncDisposable
{
    private readonly OwnedProcess _process;

    private SocatPty(OwnedProcess process, string labEnd, string deviceEnd)
    {
        _process = process;
        LabEnd = labEnd;
        DeviceEnd = deviceEnd;
    }

    public string LabEnd { get; }
    public string DeviceEnd { get; }

    public static string? Executable { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "socat")).FirstOrDefault(File.Exists);

    public static async Task<SocatPty> StartAsync(RunContext run, string directory, CancellationToken ct)
    {
        var labEnd = Path.Combine(directory, "serial-lab");
        var deviceEnd = Path.Combine(directory, "serial-device");
        var info = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("socat is not installed"))
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-d", "-d", $"pty,raw,echo=0,link={labEnd}", $"pty,raw,echo=0,link={deviceEnd}" })
            info.ArgumentList.Add(arg);
        var process = run.StartProcess(info);
        process.Process.ErrorDataReceived += (_, _) => { };
        process.Process.BeginErrorReadLine();
        var pty = new SocatPty(process, labEnd, deviceEnd);
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            while (!(File.Exists(labEnd) && File.Exists(deviceEnd)))
                await timer.WaitForNextTickAsync(ct);
        }
        catch
        {
            await pty.DisposeAsync();
            throw;
        }
        return pty;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
