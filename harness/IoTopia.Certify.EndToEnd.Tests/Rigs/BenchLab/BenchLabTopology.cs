using System.Diagnostics;
using IoTopia.Certify.EndToEnd.Tests.Support;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs.BenchLab;

/// <summary>
/// A two-NIC bench built in network namespaces: <c>LAB</c> holds the harness and the bench's DUT-facing card
/// (<see cref="LabInterface"/>, no address of its own: the harness adds the lab's), <c>DUT</c> the device's card
/// (<see cref="DutInterface"/>, a fixed MAC) — a veth pair standing in for the USB Ethernet adapter and the cable.
/// Neither namespace has a default route. The harness runs inside LAB, as <c>ip netns exec LAB dotnet certify …</c>;
/// the device (<c>bench_dut.py</c>) is started in DUT by the rig's exec power. Disposing kills what is left in both
/// and deletes them. Each topology has namespaces of its own (named by process and instance), so two benches — two
/// fixtures, or two test runs — stand side by side: the cards' names, MAC and subnet live only inside them.
/// </summary>
public sealed class BenchLabTopology : IAsyncDisposable
{
    public const string LabInterface = "benchlab0";
    public const string DutInterface = "dut0";
    public const string DutMac = "02:42:4c:00:00:02";
    public const string Subnet = "192.168.77.0/24";
    public const string Lab = "192.168.77.1";
    public const string Dut = "192.168.77.2";

    private BenchLabTopology(string labNamespace, string dutNamespace)
    {
        LabNamespace = labNamespace;
        DutNamespace = dutNamespace;
    }

    public string LabNamespace { get; }
    public string DutNamespace { get; }

    public static string DutProgram => RepoRoot.Combine("harness", "IoTopia.Certify.EndToEnd.Tests", "Rigs", "BenchLab", "bench_dut.py");

    /// <summary>The tools the topology and the bench need; the test is ignored, saying which, without them or without root.</summary>
    public static void Require()
    {
        if (!Environment.IsPrivilegedProcess)
            Assert.Ignore("the bench lab network tests need root (network namespaces, ip addr, dnsmasq, capture); they run as root in CI");
        ExternalProgram.Require("ip", "iproute2");
        ExternalProgram.Require("dnsmasq", "dnsmasq");
        ExternalProgram.Require("tshark", "tshark");
        if (!File.Exists("/usr/bin/python3"))
            Assert.Ignore("/usr/bin/python3 is missing (apt-get install -y python3): the bench's device is a small Python program");
    }

    private static int _created;

    public static async Task<BenchLabTopology> CreateAsync()
    {
        var id = $"{Environment.ProcessId % 100000}-{Interlocked.Increment(ref _created)}";
        var topology = new BenchLabTopology($"tbench{id}-lab", $"tbench{id}-dut");
        await topology.RemoveAsync();
        try
        {
            await RunIpAsync("netns", "add", topology.LabNamespace);
            await RunIpAsync("netns", "add", topology.DutNamespace);
            await RunIpAsync("link", "add", "name", LabInterface, "netns", topology.LabNamespace, "type", "veth",
                "peer", "name", DutInterface, "netns", topology.DutNamespace, "address", DutMac);
            foreach (var (ns, link) in new[] { (topology.LabNamespace, LabInterface), (topology.DutNamespace, DutInterface) })
            {
                await RunIpAsync("-n", ns, "link", "set", "lo", "up");
                await RunIpAsync("-n", ns, "link", "set", link, "addrgenmode", "none");
                await RunIpAsync("-n", ns, "link", "set", link, "up");
            }
        }
        catch
        {
            await topology.RemoveAsync();
            throw;
        }
        return topology;
    }

    /// <summary>The IPv4 addresses on the lab namespace's DUT-facing card now.</summary>
    public async Task<IReadOnlyList<string>> LabAddressesAsync() =>
        (await ExternalProgram.OutputAsync("ip", "-n", LabNamespace, "-4", "-o", "addr", "show", "dev", LabInterface))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => w != "inet").Skip(1).First())
        .ToList();

    /// <summary>Starts <c>certify</c> inside the lab namespace, as the built program, with its output redirected.</summary>
    public Process StartCertify(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot.Path,
        };
        foreach (var a in new[] { "netns", "exec", LabNamespace, "dotnet", BuiltPrograms.CliDll }.Concat(args))
            info.ArgumentList.Add(a);
        info.Environment["CI"] = "true";
        info.Environment["CERTIFY_ROOT"] = RepoRoot.Path;
        return Process.Start(info)!;
    }

    public async Task<ProgramResult> RunCertifyAsync(IEnumerable<string> args, TimeSpan deadline)
    {
        using var process = StartCertify(args);
        return await CertifyProgram.CollectAsync(process, deadline);
    }

    /// <summary>Power for the rig file: the device started in the DUT namespace in the background, its pid kept for power off.</summary>
    public (string On, string Off) Power(string folder, string mudUrl, string cloud, string? tracker)
    {
        var pid = Path.Combine(folder, "dut.pid");
        var log = Path.Combine(folder, "dut.log");
        var program = $"/usr/bin/python3 {DutProgram} --iface {DutInterface} --mud-url {mudUrl} --cloud {cloud}{(tracker is null ? "" : $" --tracker {tracker}")}";
        return ($"ip netns exec {DutNamespace} {program} >>{log} 2>&1 </dev/null & echo $! >{pid}",
            $"if [ -f {pid} ]; then kill -9 $(cat {pid}) 2>/dev/null; rm -f {pid}; fi; true");
    }

    public async ValueTask DisposeAsync() => await RemoveAsync();

    private async Task RemoveAsync()
    {
        var existing = await Ip.NetnsAsync();
        foreach (var ns in new[] { LabNamespace, DutNamespace }.Where(existing.Contains))
        {
            foreach (var pid in await Ip.NetnsPidsAsync(ns))
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    // gone meanwhile
                }
            }
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while ((await Ip.NetnsPidsAsync(ns)).Any(LinuxProcess.IsAlive))
                await Task.Delay(50, deadline.Token);
            var inode = (await ExternalProgram.OutputAsync("stat", "-L", "-c", "%i", $"/run/netns/{ns}")).Trim();
            await RunIpAsync("netns", "delete", ns);
            File.Delete(Path.Combine(Path.GetTempPath(), "iotopia-certify-bench-lab", $"{inode}-{LabInterface}.lock")); // the harness's record of the interface, empty after a clean run
        }
    }

    private static async Task RunIpAsync(params string[] args) => await ExternalProgram.OutputAsync("ip", args);
}
