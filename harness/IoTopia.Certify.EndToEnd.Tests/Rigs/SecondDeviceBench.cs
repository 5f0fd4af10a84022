namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>
/// A fixture's own bench for the second test device (fixtures/second-device/bench): the first of the machine's
/// benches no test process holds (a <see cref="MachineLock"/> each), so fixtures — and test runs — on other benches
/// run beside it. Bench 0 is the one the README documents: /tmp/iotopia-second-device and 127.88.0.0/24, driven by
/// rigs/second-device.yaml as it ships. Bench N (1–99) has a folder of its own (IOTOPIA_SECOND_DEVICE_BENCH), the unit
/// on 127.88.N.2 (<c>bench up --subnet 127.88.N</c>) and a rig file derived from the shipped one naming both.
/// (IoTopia.Certify.SecondDevice.Tests uses 127.88.100–249.)
/// </summary>
public sealed class SecondDeviceBench : IAsyncDisposable
{
    public static readonly string Script = RepoRoot.Combine("fixtures", "second-device", "bench");
    public static readonly string ShippedRig = RepoRoot.Combine("rigs", "second-device.yaml");
    private const string ShippedFolder = "/tmp/iotopia-second-device";
    private const int Benches = 100;

    private readonly MachineLock _hold;
    private readonly TempFolder? _temp;

    private SecondDeviceBench(int number, MachineLock hold)
    {
        Number = number;
        _hold = hold;
        if (number == 0)
        {
            Folder = ShippedFolder;
            Rig = ShippedRig;
            return;
        }
        _temp = new TempFolder("second-device-bench-");
        Folder = _temp.Sub("bench");
        Rig = _temp.Write("second-device.yaml", DeriveRig(File.ReadAllText(ShippedRig)));
    }

    public int Number { get; }

    /// <summary>The bench folder (console, flash, pid files).</summary>
    public string Folder { get; }

    /// <summary>The rig file driving this bench: rigs/second-device.yaml itself on bench 0.</summary>
    public string Rig { get; }

    public string Lab => $"127.88.{Number}.1";

    public string Dut => $"127.88.{Number}.2";

    /// <summary>The device's end of the console, on the device's command line: it tells this bench's unit from any other NT-2.</summary>
    public string DeviceConsole => Path.Combine(Folder, "device-console");

    /// <summary>Takes the first free bench; the test fails when every one is held.</summary>
    public static SecondDeviceBench Take()
    {
        for (var n = 0; n < Benches; n++)
        {
            if (MachineLock.TryExclusive($"second-device-bench-{n}") is { } hold)
            {
                TestContext.Progress.WriteLine($"second-device bench {n}");
                return new SecondDeviceBench(n, hold);
            }
        }
        Assert.Fail($"all {Benches} second-device benches are held by other tests (locks in {MachineLock.Folder})");
        throw new InvalidOperationException("not reached");
    }

    /// <summary>A fresh bench: whatever a killed test left is unplugged first.</summary>
    public async Task UpAsync(params string[] options)
    {
        await RunAsync("down");
        await RunAsync(["up", .. options, .. Number == 0 ? Array.Empty<string>() : ["--subnet", $"127.88.{Number}"]]);
    }

    /// <summary>Runs the bench script on this bench; fails the test unless it exits 0.</summary>
    public async Task<ProgramResult> RunAsync(params string[] args)
    {
        var result = Number == 0
            ? await ExternalProgram.RunAsync(Script, args, TimeSpan.FromSeconds(30))
            : await ExternalProgram.RunAsync("env", [$"IOTOPIA_SECOND_DEVICE_BENCH={Folder}", Script, .. args], TimeSpan.FromSeconds(30));
        Assert.That(result.ExitCode, Is.Zero, $"bench {string.Join(' ', args)} (bench {Number}): {result}");
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("down");
        }
        finally
        {
            _hold.Dispose();
            _temp?.Dispose();
        }
    }

    /// <summary>rigs/second-device.yaml for bench N: its folder, its subnet, the script told which bench; paths absolute.</summary>
    private string DeriveRig(string shipped)
    {
        var script = "\"${CERTIFY_ROOT:?set by ./certify}/fixtures/second-device/bench\"";
        var derived = shipped
            .Replace("../fixtures/", RepoRoot.Combine("fixtures") + "/", StringComparison.Ordinal)
            .Replace(ShippedFolder, Folder, StringComparison.Ordinal)
            .Replace("127.88.0.", $"127.88.{Number}.", StringComparison.Ordinal)
            .Replace(script, $"IOTOPIA_SECOND_DEVICE_BENCH={Folder} {script}", StringComparison.Ordinal);
        foreach (var expected in new[] { $"port: {Folder}/console", $"subnet: 127.88.{Number}.0/24", $"IOTOPIA_SECOND_DEVICE_BENCH={Folder} {script} on" })
            Assert.That(derived, Does.Contain(expected), "rigs/second-device.yaml changed shape: the bench's rig cannot be derived from it");
        return derived;
    }
}
