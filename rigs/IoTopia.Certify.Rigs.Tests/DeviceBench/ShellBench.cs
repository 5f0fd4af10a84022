using System.Diagnostics;
using System.Text;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Serial;
using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.Rigs.Tests.DeviceBench;

/// <summary>
/// A console bench for shell steps: a socat pty pair made as the virtual rig makes it, the real
/// <see cref="SerialConsole"/> on the lab end, and on the device end either a real POSIX shell (<c>sh -i</c>,
/// owned by the host's run, so killed and reaped with it) or a <see cref="ScriptedShell"/>.
/// </summary>
internal sealed class ShellBench : IAsyncDisposable
{
    public const string Prompt = "bench# ";

    private ScriptedShell? _scripted;

    private ShellBench(StepHost host, string folder)
    {
        Host = host;
        Folder = folder;
    }

    public StepHost Host { get; }
    public string Folder { get; }
    public SocatPair Socat { get; private set; } = null!;
    public SerialConsole Console { get; private set; } = null!;

    /// <param name="parameters">the scenario's parameters (the rig's <c>dut.*</c> facts)</param>
    public static async Task<ShellBench> StartAsync(IReadOnlyDictionary<string, string>? parameters = null)
    {
        TestKit.Rigs.Socat.Require();
        var folder = Directory.CreateTempSubdirectory("shell-bench-").FullName;
        var rig = new BenchRig("serial");
        var bench = new ShellBench(StepHost.Create(rig, RigSteps.Registry, Path.Combine(folder, "run"), parameters: parameters), folder);
        try
        {
            bench.Socat = await TestKit.Rigs.Socat.StartAsync(bench.Host.Run, folder);
            bench.Console = SerialConsole.Open(bench.Host.Run, new SerialConsoleOptions { Path = bench.Socat.HarnessEnd });
            rig.Console = bench.Console;
            bench.Console.BeginAttempt(bench.Host.Attempt);
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
        return bench;
    }

    /// <summary>Starts Debian's <c>sh</c> (dash) on the device end, as a serial console would run it (a sane tty: echo, CR to NL), and waits for its first prompt.</summary>
    public async Task StartRealShellAsync()
    {
        if (!File.Exists("/bin/sh"))
            Assert.Ignore("no /bin/sh");
        var info = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "exec <\"$1\" >\"$1\" 2>&1; stty sane; PS1=\"$2\" exec /bin/sh -i", "sh", Socat.DeviceEnd, Prompt } };
        info.Environment.Remove("ENV");
        Host.Run.StartProcess(info);
        await Poll.UntilAsync(() => Text().EndsWith(Prompt, StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the shell's first prompt");
    }

    /// <summary>Starts a <see cref="ScriptedShell"/> on the device end and waits for its first prompt.</summary>
    public async Task<ScriptedShell> StartScriptedAsync(Func<string, ScriptedReply> reply, bool echo = true)
    {
        _scripted = ScriptedShell.Start(Socat.DeviceEnd, Prompt, reply, echo);
        await Poll.UntilAsync(() => Text().EndsWith(Prompt, StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the scripted shell's first prompt");
        return _scripted;
    }

    public Task<StepRecord> RunAsync(SerialRunStep.Arguments arguments, TimeSpan? timeout = null) =>
        Host.RunStepAsync("serial.run", arguments, timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>serial.run's arguments for this bench's prompt.</summary>
    public static SerialRunStep.Arguments Run(string command, string? expectLine = null, string? expectMatch = null, string? expectNoLine = null,
        string exitStatus = "0", string? exitStatusCommand = null, double within = 5) => new()
    {
        Command = command,
        Prompt = Prompt,
        ExpectLine = expectLine,
        ExpectMatch = expectMatch,
        ExpectNoLine = expectNoLine,
        ExitStatus = exitStatus,
        ExitStatusCommand = exitStatusCommand,
        Within = TimeSpan.FromSeconds(within),
    };

    /// <summary>Everything received so far, decoded leniently (for assertions, not for steps).</summary>
    public string Text() => Encoding.UTF8.GetString(Console.Log.Read(0, Console.Log.Length).Span);

    public string Evidence(StepRecord record) => File.ReadAllText(Path.Combine(Host.Folder.Root, record.Evidence.Single().Path));

    public async ValueTask DisposeAsync()
    {
        if (Console is not null)
            await TestContext.Out.WriteLineAsync("serial: " + DeviceText.ForTerminal(Text(), 3000));
        if (_scripted is not null)
            await _scripted.DisposeAsync();
        if (Console is not null)
            await Console.DisposeAsync();
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
    }
}
