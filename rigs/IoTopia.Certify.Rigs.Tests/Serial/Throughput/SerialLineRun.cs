using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Rigs.Serial;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>
/// One run of the serial line under load: a socat pty pair, our <see cref="SerialConsole"/> reading the
/// lab end into its run evidence, and a <see cref="PacedSerialWriter"/> on the device end. It waits
/// (with a deadline) until the console holds every accepted byte, closes the console, and reads the
/// evidence back. <paramref name="whileWriting"/> may disturb the line (e.g. pause socat).
/// </summary>
internal static class SerialLineRun
{
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    public static async Task<SerialLineResult> RunAsync(SerialTraffic traffic, double bytesPerSecond, CancellationToken ct,
        Func<int, CancellationToken, Task>? whileWriting = null)
    {
        Socat.Require();
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("the non-blocking pty writer needs Linux");
        await using var host = StepHost.Create(new BenchRig("serial"));
        var socat = await Socat.StartAsync(host.Run, host.Folder.Rig);
        var (lab, dut) = (socat.HarnessEnd, socat.DeviceEnd);
        var console = SerialConsole.Open(host.Run, new SerialConsoleOptions { Path = lab, Name = "serial" });
        WriteLedger ledger;
        TimeSpan drain;
        List<DateTimeOffset> inMemory;
        try
        {
            using (var tty = NonBlockingTty.Open(dut))
            {
                var writing = new PacedSerialWriter(tty, bytesPerSecond, Tick).WriteAsync(traffic.Bytes, ct);
                if (whileWriting is not null)
                    await whileWriting(socat.Process.Process.Id, ct);
                ledger = await writing;
            }
            var lastWrite = ledger.Writes[^1].At;
            await Poll.UntilAsync(() => console.Log.Length >= ledger.Accepted, DrainDeadline,
                $"the console receiving all {ledger.Accepted} accepted bytes (has {console.Log.Length})");
            drain = DateTimeOffset.UtcNow - lastWrite;
            Assert.That(await Poll.StaysFalseAsync(() => console.Log.Length > ledger.Accepted, TimeSpan.FromMilliseconds(300)), Is.True,
                "the console received more bytes than the tty accepted");
            inMemory = [.. ledger.AcceptedWrites().Select(w => console.Log.TimeAt(w.EvidenceOffset + w.Write.Accepted - 1))];
            Assert.That(console.Gaps, Is.Empty, "the port stayed connected");
        }
        finally
        {
            await console.DisposeAsync(); // closes the evidence files
            await socat.Process.DisposeAsync();
        }
        var evidence = Path.Combine(host.Folder.Root, console.RawEvidencePath);
        var directory = Path.GetDirectoryName(evidence)!;
        return new SerialLineResult
        {
            Traffic = traffic,
            Ledger = ledger,
            BytesPerSecond = bytesPerSecond,
            Tick = Tick,
            WriteDuration = ledger.Writes[^1].At - ledger.Started,
            Drain = drain,
            RawEvidence = await File.ReadAllBytesAsync(evidence, ct),
            Index = SerialIndexFile.Read(Directory.EnumerateFiles(directory, "*-serial-index.tsv").Single()),
            RenderedLog = await File.ReadAllTextAsync(Directory.EnumerateFiles(directory, "*-serial.log").Single(), ct),
            InMemoryTimes = inMemory,
        };
    }
}
