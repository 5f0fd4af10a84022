using System.Text;
using IoTopia.Certify.Harness.Processes;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Restore;
using IoTopia.Certify.Rigs.Serial;
using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.Rigs.Tests.DeviceBench;

/// <summary>
/// A virtual bench built the way the virtual rig builds it: a socat pty pair, the serial console on the
/// lab end, the reference device powered by <see cref="VirtualPower"/>, a factory image restore, and a
/// step host (real journal and evidence store) whose attempt's serial cursor is taken before power-on.
/// Disposing powers off and kills and reaps every process it started.
/// </summary>
internal sealed class VirtualBench : IAsyncDisposable
{
    private VirtualBench(string directory, StepHost host, BenchRig rig)
    {
        Directory = directory;
        Host = host;
        Rig = rig;
    }

    public string Directory { get; }
    public StepHost Host { get; }
    public BenchRig Rig { get; }
    public string LabEnd => Socat.HarnessEnd;
    public string DeviceEnd => Socat.DeviceEnd;
    public string StateDir => Path.Combine(Directory, "state");
    public string FactoryDir => Path.Combine(Directory, "factory");
    public SocatPair Socat { get; private set; } = null!;
    public SerialConsole Console { get; private set; } = null!;
    public VirtualPower Power { get; private set; } = null!;
    public FactoryImageRestore Restore { get; private set; } = null!;

    public static async Task<VirtualBench> StartAsync(string personality = "compliant")
    {
        TestKit.Rigs.Socat.Require();
        var directory = System.IO.Directory.CreateTempSubdirectory("rig-bench-").FullName;
        var rig = new BenchRig("serial", "power", "power.cut", "restore");
        var host = StepHost.Create(rig, RigSteps.Registry, Path.Combine(directory, "run"));
        var bench = new VirtualBench(directory, host, rig);
        try
        {
            bench.Socat = await TestKit.Rigs.Socat.StartAsync(host.Run, directory);
            System.IO.Directory.CreateDirectory(bench.FactoryDir); // the reference device's factory state is an empty flash
            var config = ReferenceDevice.WriteConfig(directory, personality, bench.StateDir, bench.DeviceEnd);
            bench.Console = SerialConsole.Open(host.Run, new SerialConsoleOptions { Path = bench.LabEnd });
            bench.Power = new VirtualPower(host.Run, () => ReferenceDevice.StartInfo(config));
            bench.Restore = new FactoryImageRestore(bench.StateDir, bench.FactoryDir, bench.Power);
            rig.Console = bench.Console;
            rig.Power = bench.Power;
            rig.Restore = bench.Restore;
            bench.Console.BeginAttempt(host.Attempt);
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
        return bench;
    }

    public Task<StepRecord> StepAsync(string name, object arguments, TimeSpan? timeout = null) =>
        Host.RunStepAsync(name, arguments, timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>Everything received so far, decoded leniently (for assertions, not for steps).</summary>
    public string SerialText() => Encoding.UTF8.GetString(Console.Log.Read(0, Console.Log.Length).Span);

    /// <summary>What the journal file holds, read while it is still being written.</summary>
    public string JournalText() => SharedFile.ReadAllText(Host.Folder.Journal);

    public string EvidencePath(EvidenceRecord record) => Path.Combine(Host.Folder.Root, record.Path);

    public string RunEvidence(string suffix) =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Host.Folder.Evidence, EvidenceStore.RunScope)).Single(f => f.EndsWith(suffix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (Console is not null)
            await TestContext.Out.WriteLineAsync("serial tail: " + DeviceText.ForTerminal(SerialTail(), 3000));
        if (Power is not null)
            await TestContext.Out.WriteLineAsync("device stderr: " + Power.RecentStderr);
        if (Power is not null)
            await Power.DisposeAsync();
        if (Console is not null)
            await Console.DisposeAsync();
        await Host.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
    }

    private string SerialTail()
    {
        var length = Console.Log.Length;
        return Encoding.UTF8.GetString(Console.Log.Read(Math.Max(0, length - 3000), length).Span);
    }
}
