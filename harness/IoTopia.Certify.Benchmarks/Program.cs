using System.Globalization;
using IoTopia.Certify.Benchmarks;

// certify benchmark: `certify mud check` against `tshark -q -z conv,ip` on the same synthetic captures.
// Usage: dotnet run -c Release --project harness/IoTopia.Certify.Benchmarks -- [--packets 2000000,4000000] [--flows 5000] [--hosts 1000] [--keep]
var sizes = new List<long> { 2_000_000, 4_000_000 };
var flows = 5000;
var hosts = 1000;
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
        case "--keep":
            keep = true;
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; usage: [--packets N,N] [--flows N] [--hosts N] [--keep]");
            return 3;
    }
}
var cli = Path.Combine(AppContext.BaseDirectory, "IoTopia.Certify.Cli.dll");
var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "certify-bench-" + Guid.NewGuid().ToString("N"))).FullName;
try
{
    var mud = Path.Combine(folder, "device.json");
    File.WriteAllText(mud, BenchMud.Json(20));
    Console.WriteLine($"| packets | flows | file | `mud check` | peak memory | `tshark -q -z conv,ip` | peak memory | ratio |");
    Console.WriteLine($"|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var packets in sizes)
    {
        var pcap = Path.Combine(folder, $"bench-{packets}.pcap");
        BenchCapture.Write(pcap, packets, flows, hosts);
        BenchCapture.Warm(pcap);
        var check = Measured.Run("dotnet", cli, "mud", "check", "--mud", mud, "--pcap", pcap, "--device-mac", BenchCapture.DeviceMac);
        if (check.ExitCode != 0)
        {
            Console.Error.WriteLine($"mud check exited {check.ExitCode} (expected 0, compliant):\n{check.Stdout[..Math.Min(2000, check.Stdout.Length)]}");
            return 2;
        }
        var tshark = Measured.Run("tshark", "-r", pcap, "-q", "-z", "conv,ip");
        if (tshark.ExitCode != 0)
        {
            Console.Error.WriteLine($"tshark exited {tshark.ExitCode}");
            return 2;
        }
        var size = new FileInfo(pcap).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {packets:N0} | {flows:N0} | {size / 1e6:F0} MB | {check.Elapsed.TotalSeconds:F2} s | {check.PeakBytes / 1e6:F0} MB | {tshark.Elapsed.TotalSeconds:F2} s | {tshark.PeakBytes / 1e6:F0} MB | {tshark.Elapsed / check.Elapsed:F1}× |"));
        if (!keep)
            File.Delete(pcap);
    }
    return 0;
}
finally
{
    if (!keep)
        Directory.Delete(folder, recursive: true);
    else
        Console.WriteLine($"captures kept in {folder}");
}
