using System.Globalization;
using IoTopia.Certify.Benchmarks;

// certify benchmark: `certify mud check` against `tshark -q -z conv,ip` on the same synthetic captures.
// Usage: dotnet run -c Release --project harness/IoTopia.Certify.Benchmarks -- [--packets 2000000,8000000] [--flows 5000] [--hosts 1000]
//        [--runs 3] [--tshark-max 2000000] [--variants] [--keep]
//    or: ... -- masking [--megabytes 256] [--runs 3]   (evidence writes with the run's secrets masked against unmasked)
if (args.FirstOrDefault() == "masking")
    return MaskingBench.Run(args[1..]);
var sizes = new List<long> { 2_000_000, 8_000_000 };
var flows = 5000;
var hosts = 1000;
var runs = 3;
var tsharkMax = 2_000_000L;
var variants = false;
var keep = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--packets" when i + 1 < args.Length:
            sizes = args[++i].Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
            break;
        case "--flows" when i + 1 < args.Length:
            flows = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--hosts" when i + 1 < args.Length:
            hosts = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--runs" when i + 1 < args.Length:
            runs = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        case "--tshark-max" when i + 1 < args.Length:
            tsharkMax = long.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--variants":
            variants = true;
            break;
        case "--keep":
            keep = true;
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; usage: [--packets N,N] [--flows N] [--hosts N] [--runs N] [--tshark-max N] [--variants] [--keep]");
            return 3;
    }
}
var native = CertifyProgram.MudNative();
var cli = CertifyProgram.CliDll();
var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "certify-bench-" + Guid.NewGuid().ToString("N"))).FullName;
try
{
    var mud = Path.Combine(folder, "device.json");
    File.WriteAllText(mud, BenchMud.Json(20));
    Console.WriteLine($"`certify mud check` is {native} (what ./certify runs), best of {runs} runs; wall time includes the process start.");
    Console.WriteLine();
    Console.WriteLine("| packets | flows | file | `mud check` | CPU | peak memory | `tshark -q -z conv,ip` | peak memory | ratio |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    var variantRows = new List<string>();
    foreach (var packets in sizes)
    {
        var pcap = Path.Combine(folder, $"bench-{packets}.pcap");
        BenchCapture.Write(pcap, packets, flows, hosts);
        BenchCapture.Warm(pcap);
        string[] arguments = ["mud", "check", "--mud", mud, "--pcap", pcap, "--device-mac", BenchCapture.DeviceMac];
        string[] check = [native, .. arguments];
        var ours = Best(runs, [], check);
        if (ours.ExitCode != 0)
        {
            Console.Error.WriteLine($"mud check exited {ours.ExitCode} (expected 0, compliant):\n{ours.Stdout[..Math.Min(2000, ours.Stdout.Length)]}");
            return 2;
        }
        var size = new FileInfo(pcap).Length;
        var tsharkCells = "— | — | —";
        if (packets <= tsharkMax)
        {
            var tshark = Measured.Run([], "tshark", "-r", pcap, "-q", "-z", "conv,ip");
            if (tshark.ExitCode != 0)
            {
                Console.Error.WriteLine($"tshark exited {tshark.ExitCode}");
                return 2;
            }
            tsharkCells = string.Create(CultureInfo.InvariantCulture, $"{tshark.Elapsed.TotalSeconds:F2} s | {tshark.PeakBytes / 1e6:F0} MB | {tshark.Elapsed / ours.Elapsed:F1}×");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {packets:N0} | {flows:N0} | {size / 1e6:F0} MB | {ours.Elapsed.TotalSeconds:F2} s | {ours.Cpu.TotalSeconds:F2} s | {ours.PeakBytes / 1e6:F0} MB | {tsharkCells} |"));
        if (variants && packets == sizes[0])
            variantRows = Variants(runs, folder, mud, native, cli, arguments, packets, flows, hosts);
        if (!keep)
            File.Delete(pcap);
    }
    // The start-up settings, measured on the first size, printed after the main table.
    foreach (var row in variantRows)
        Console.WriteLine(row);
    return 0;
}
finally
{
    if (!keep)
        Directory.Delete(folder, recursive: true);
    else
        Console.WriteLine($"captures kept in {folder}");
}

static Measured Best(int runs, (string, string)[] environment, string[] command) =>
    Enumerable.Range(0, runs).Select(_ => Measured.Run(environment, command[0], command[1..])).MinBy(m => m.Elapsed)!;

// The start-up settings: the native program against the managed CLI (the build's ReadyToRun code, JIT only, the tiering
// knobs), on this capture and on a tiny one (2000 packets: little more than starting, reading the MUD file and printing).
static List<string> Variants(int runs, string folder, string mud, string native, string cli, string[] arguments, long packets, int flows, int hosts)
{
    var tiny = Path.Combine(folder, "tiny.pcap");
    BenchCapture.Write(tiny, 2000, Math.Min(flows, 50), Math.Min(hosts, 20));
    BenchCapture.Warm(tiny);
    string[] tinyArguments = ["mud", "check", "--mud", mud, "--pcap", tiny, "--device-mac", BenchCapture.DeviceMac];
    (string Name, (string, string)[] Environment, string[] Program)[] settings =
    [
        ("native (Native AOT; what ./certify runs)", [], [native]),
        ("managed CLI as built (ReadyToRun, tiered, TieredPGO)", [], ["dotnet", cli]),
        ("managed CLI, TieredPGO off", [("DOTNET_TieredPGO", "0")], ["dotnet", cli]),
        ("managed CLI, TieredCompilation off", [("DOTNET_TieredCompilation", "0")], ["dotnet", cli]),
        ("managed CLI, ReadyToRun code ignored (JIT only)", [("DOTNET_ReadyToRun", "0")], ["dotnet", cli]),
    ];
    List<string> rows = ["", string.Create(CultureInfo.InvariantCulture, $"| start-up setting | `mud check`, {packets:N0} packets | CPU (user + sys) | peak memory | 2000 packets | CPU |"), "|---|---:|---:|---:|---:|---:|"];
    foreach (var (name, environment, program) in settings)
    {
        var m = Best(runs, environment, [.. program, .. arguments]);
        var t = Best(runs, environment, [.. program, .. tinyArguments]);
        rows.Add(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {m.Elapsed.TotalSeconds:F2} s | {m.Cpu.TotalSeconds:F2} s | {m.PeakBytes / 1e6:F0} MB | {t.Elapsed.TotalSeconds:F3} s | {t.Cpu.TotalSeconds:F2} s |"));
    }
    File.Delete(tiny);
    return rows;
}
