using System.Diagnostics;
using System.Globalization;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Secrets;

namespace IoTopia.Certify.Benchmarks;

/// <summary>
/// Evidence written with the run's secrets masked against the same writes unmasked: capture-like records (64 to
/// 1514 bytes of random payload, one write each, as the pcap writer does) through the evidence store.
/// </summary>
public static class MaskingBench
{
    public static int Run(string[] args)
    {
        var megabytes = 256;
        var runs = 3;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--megabytes" when i + 1 < args.Length:
                    megabytes = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--runs" when i + 1 < args.Length:
                    runs = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}; usage: masking [--megabytes N] [--runs N]");
                    return 3;
            }
        }
        var records = Records(megabytes * 1_000_000L);
        (string Name, SecretMask? Mask)[] cases =
        [
            ("no secrets (no mask)", null),
            ("1 secret (12 characters, as rigs/virtual.yaml)", new SecretMask(["011a20eeaeb7"])),
            ("4 secrets (12 to 40 characters)", new SecretMask(["011a20eeaeb7", "relay-pass-0815", "tok-4f1c9e0b7a2d", "a-forty-character-api-token-0123456789ab"])),
        ];
        Console.WriteLine($"{records.Count:N0} writes, {records.Sum(r => r.Length) / 1e6:F0} MB, best of {runs} runs; each write goes to the OS (the evidence store's rule).");
        Console.WriteLine();
        Console.WriteLine("| evidence written with | written | per write | throughput | masking alone, in memory | per write |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var folder = Directory.CreateTempSubdirectory("certify-mask-bench-").FullName;
        try
        {
            foreach (var (name, mask) in cases)
            {
                var best = Enumerable.Range(0, runs).Select(n => Time(folder, mask, records, $"{Array.IndexOf(cases, (name, mask))}-{n}")).Min();
                var alone = Enumerable.Range(0, runs).Select(_ => MaskOnly(mask, records)).Min();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {best.TotalSeconds:F2} s | {best.TotalNanoseconds / records.Count:F0} ns | {records.Sum(r => r.Length) / 1e6 / best.TotalSeconds:F0} MB/s | {alone.TotalSeconds:F3} s | {alone.TotalNanoseconds / records.Count:F0} ns |"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return 0;
    }

    private static TimeSpan Time(string folder, SecretMask? mask, List<byte[]> records, string label)
    {
        var store = new EvidenceStore(new RunFolder(Path.Combine(folder, label)), mask);
        var clock = Stopwatch.StartNew();
        using (var file = store.Create(EvidenceStore.RunScope, 0, 1, "bench", null, "pcap", "capture", "application/vnd.tcpdump.pcap", _ => { }))
        {
            foreach (var record in records)
                file.Write(record);
        }
        var elapsed = clock.Elapsed;
        Directory.Delete(Path.Combine(folder, label), recursive: true);
        return elapsed;
    }

    private static TimeSpan MaskOnly(SecretMask? mask, List<byte[]> records)
    {
        var stream = mask?.ForStream();
        var held = 0L;
        var clock = Stopwatch.StartNew();
        if (stream is not null)
        {
            foreach (var record in records)
                held += stream.Push(record).Length;
        }
        var elapsed = clock.Elapsed;
        GC.KeepAlive(held);
        return elapsed;
    }

    private static List<byte[]> Records(long bytes)
    {
        var random = new Random(8520);
        var records = new List<byte[]>();
        for (long total = 0; total < bytes;)
        {
            var record = new byte[random.Next(64, 1515)];
            random.NextBytes(record);
            records.Add(record);
            total += record.Length;
        }
        return records;
    }
}
