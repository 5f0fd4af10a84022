using System.Diagnostics;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.Capture;

/// <summary>
/// A measurement, not a timed test (explicit: run it by name): a burst of small UDP packets sent at full
/// speed on lo, and what the capture delivered, counted dropped, and tshark reads back from the pcap.
/// <c>dotnet test rigs/IoTopia.Certify.Rigs.Tests --filter Name~Burst --logger "console;verbosity=detailed"</c>
/// </summary>
[TestFixture]
[Category("measurement")]
[NonParallelizable]
public sealed class CaptureBurstMeasurement
{
    [TestCase(20000, true)]
    [TestCase(20000, false)]
    public async Task BurstOfSmallUdpPackets(int count, bool immediate)
    {
        var capture = Loopback.RequireCapture(new LiveCaptureOptions { Immediate = immediate });
        var dir = Path.Combine(Path.GetTempPath(), "burst-" + Guid.NewGuid().ToString("N"));
        try
        {
            var pcap = new EvidenceStore(new RunFolder(dir)).Create("burst", 1, 1, "capture", null, "pcap", "capture", "application/vnd.tcpdump.pcap", _ => { });
            var session = await capture.StartAsync(pcap, new CaptureSettings(capture.Target.DefaultFilter), CancellationToken.None);
            var sendTime = Stopwatch.StartNew();
            using (var sink = Loopback.Udp(Loopback.Lab, 42900))
            using (var dut = Loopback.Udp(Loopback.Dut, 42901))
                dut.Send(Loopback.Lab, 42900, count, size: 16);
            sendTime.Stop();
            var caughtUp = Stopwatch.StartNew();
            using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5)))
            {
                for (var last = -1L; session.Stats.Delivered != last && session.Stats.Delivered < count;)
                {
                    last = session.Stats.Delivered;
                    for (var i = 0; i < 40 && session.Stats.Delivered < count; i++)
                        await timer.WaitForNextTickAsync();
                }
            }
            caughtUp.Stop();
            var stopTime = Stopwatch.StartNew();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var stats = await session.StopAsync(deadline.Token);
            stopTime.Stop();
            var (_, lines, _) = await Tshark.FieldsAsync(pcap.FullPath, "frame.number");
            TestContext.Out.WriteLine(
                $"immediate={immediate}: sent {count} in {sendTime.ElapsedMilliseconds} ms; delivered {stats.Delivered}, dut {stats.DutPackets}, " +
                $"dropped {stats.Dropped}, libpcap received {((LiveCaptureSession)session).KernelReceived}; tshark reads {lines.Count}; " +
                $"reader done {caughtUp.ElapsedMilliseconds} ms after the last send; stop took {stopTime.ElapsedMilliseconds} ms; pcap {new FileInfo(pcap.FullPath).Length} bytes; failure: {session.Failure ?? "none"}");
            Assert.That(lines, Has.Count.EqualTo(stats.Delivered), "what we count is what the pcap holds");
            Assert.That(stats.Delivered + stats.Dropped, Is.GreaterThanOrEqualTo(count), "every packet sent is delivered or counted as dropped");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
