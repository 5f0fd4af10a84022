using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Wire.Tests.Support;
using SharpPcap;
using SharpPcap.LibPcap;

namespace IoTopia.Certify.Rigs.Tests.Capture;

/// <summary>The capture driver itself on lo, with real packets (needs root or CAP_NET_RAW).</summary>
[TestFixture]
[NonParallelizable]
public sealed class LiveCaptureTests
{
    private readonly List<ICaptureSession> _sessions = [];
    private string _dir = "";
    private EvidenceStore _store = null!;
    private int _seq;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "livecapture-" + Guid.NewGuid().ToString("N"));
        _store = new EvidenceStore(new RunFolder(_dir));
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var session in _sessions)
            await session.DisposeAsync();
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task DeliveredPacketsAreCountedOnceOnLoWhereLibpcapCountsTwice()
    {
        var capture = Loopback.RequireCapture();
        var (session, pcap) = await StartAsync(capture, Loopback.Target.DefaultFilter);
        using (var dut = Loopback.Udp(Loopback.Dut, 42001))
        using (var lab = Loopback.Udp(Loopback.Lab, 42000))
            dut.Send(Loopback.Lab, 42000, count: 200);

        var stats = await StopAsync(session);
        Assert.Multiple(() =>
        {
            Assert.That((stats.Delivered, stats.Dropped, stats.DutPackets), Is.EqualTo((200L, 0L, 200L)));
            Assert.That(((LiveCaptureSession)session).KernelReceived, Is.EqualTo(400), "libpcap's own count on lo: each packet twice");
            Assert.That(session.Failure, Is.Null);
        });
        var (_, lines, errors) = await Tshark.FieldsAsync(pcap.FullPath, "ip.src");
        Assert.That(lines, Has.Count.EqualTo(200), errors);
    }

    [Test]
    public async Task PacketsTheKernelHadNoRoomForAreCountedAsDropped()
    {
        using var capture = new StallingCapture(Loopback.RequireCapture(StallingCapture.TinyRing));
        var pcap = _store.Create("s", 1, ++_seq, "capture", null, "pcap", "capture", "application/vnd.tcpdump.pcap", _ => { });
        var session = await capture.StartAsync(pcap, new CaptureSettings(Loopback.Target.DefaultFilter), CancellationToken.None);
        _sessions.Add(session);
        capture.Stall();
        using (var dut = Loopback.Udp(Loopback.Dut, 42031))
        using (var lab = Loopback.Udp(Loopback.Lab, 42030))
            dut.Send(Loopback.Lab, 42030, count: 2000); // the reader is held: the ring overflows
        capture.Release();

        var stats = await StopAsync(session);
        Assert.Multiple(() =>
        {
            Assert.That(stats.Dropped, Is.GreaterThan(1000), "libpcap's own drop counter says 0 here; ours does not");
            Assert.That(stats.Delivered + stats.Dropped, Is.EqualTo(2000), "every packet sent is either in the pcap or counted as dropped");
            Assert.That(stats.DroppedUntil, Is.Not.Null);
        });
        var (_, lines, errors) = await Tshark.FieldsAsync(pcap.FullPath, "frame.number");
        Assert.That(lines, Has.Count.EqualTo(stats.Delivered), errors);
    }

    [Test]
    public async Task EachPacketIsInThePcapBeforeTheCaptureStops()
    {
        var capture = Loopback.RequireCapture();
        var seen = new List<CapturedPacket>();
        var (session, pcap) = await StartAsync(capture, Loopback.Target.DefaultFilter, p => { lock (seen) seen.Add(p); });
        using var dut = Loopback.Udp(Loopback.Dut, 42011);
        using var lab = Loopback.Udp(Loopback.Lab, 42010);
        dut.Send(Loopback.Lab, 42010, count: 3);

        await Eventually(() => session.Stats.Delivered == 3, "3 packets delivered");
        var size = new FileInfo(pcap.FullPath).Length;
        Assert.That(size, Is.GreaterThanOrEqualTo(24 + 3 * (16 + 14 + 20 + 8 + 16)), "written as captured, not at the end");
        lock (seen)
            Assert.That(seen.Select(p => (p.Source?.ToString(), p.DestinationPort)), Is.All.EqualTo((Loopback.Dut, (int?)42010)));
        await StopAsync(session);
    }

    [Test]
    public async Task ABadFilterIsRefusedWithItsText()
    {
        var capture = Loopback.RequireCapture();
        var pcap = _store.Create("s", 1, ++_seq, "capture", null, "pcap", "capture", "application/vnd.tcpdump.pcap", _ => { });
        var e = Assert.ThrowsAsync<ArgumentException>(() => capture.StartAsync(pcap, new CaptureSettings("host and and"), CancellationToken.None));
        Assert.That(e!.Message, Does.Contain("bad capture filter 'host and and'"));
        await pcap.DisposeAsync();
    }

    [Test]
    public async Task MalformedPacketsOnTheWireAreWrittenCountedAndTheReaderGoesOn()
    {
        var capture = Loopback.RequireCapture();
        var seen = new List<CapturedPacket>();
        // "len <= 30" lets in the frames too short for an IPv4 header, which "host" cannot match (a BPF load past
        // the end rejects the packet, so it is tested first)
        var (session, pcap) = await StartAsync(capture, $"(ip and len <= 30) or host {Loopback.Dut}", p => { lock (seen) seen.Add(p); });

        byte[][] hostile =
        [
            FrameBytes.Ethernet(0x0800, [0x45, 0, 0, 20, 0, 0]), // 6 bytes of an IPv4 header
            FrameBytes.Ethernet(0x0800, FrameBytes.IPv4(17, Loopback.Dut, Loopback.Lab, [0xa4, 0x10, 0xa4], totalLength: 23)), // 3 bytes of UDP
            FrameBytes.Ethernet(0x0800, BadHeaderLength(FrameBytes.IPv4(6, Loopback.Dut, Loopback.Lab, []))), // IHL 60 bytes in a 20-byte packet
        ];
        using (var injector = LibPcapLiveDeviceList.New().First(d => d.Name == "lo"))
        {
            injector.Open();
            foreach (var frame in hostile)
                injector.SendPacket(frame);
        }
        using var dut = Loopback.Udp(Loopback.Dut, 42021);
        using var lab53 = Loopback.Udp(Loopback.Lab, 53);
        var loop = DnsMessage.Response("a.example", [Loopback.Lab]);
        loop[^16] = 0xc0; // the answer's owner now points at itself
        loop[^15] = (byte)(loop.Length - 16);
        lab53.Send(loop, Loopback.At(Loopback.Dut, 42021));
        lab53.Send(new byte[] { 0xff, 0xff, 0x81, 0x80, 0xff }, Loopback.At(Loopback.Dut, 42021)); // a DNS header cut short
        using var lab = Loopback.Udp(Loopback.Lab, 42020);
        dut.Send(Loopback.Lab, 42020, count: 5);

        await Eventually(() => { lock (seen) return seen.Count(p => p.DestinationPort == 42020 && p.Malformed is null) == 5; },
            "the good packets after the hostile ones");
        var stats = await StopAsync(session);
        lock (seen)
        {
            Assert.That(seen.Where(p => p.Malformed is not null).Select(p => p.Malformed), Is.EquivalentTo(new[]
            {
                "truncated IPv4 header", "truncated UDP header", "bad IPv4 header length 60", "DNS: answer 1: name pointer loops or points forward",
                "DNS: truncated header",
            }));
        }
        Assert.That(session.Failure, Is.Null);
        var (exit, lines, errors) = await Tshark.FieldsAsync(pcap.FullPath, "frame.number");
        Assert.That(exit, Is.Zero, errors);
        Assert.That(lines, Has.Count.EqualTo(stats.Delivered), "tshark reads every record, hostile ones too");
    }

    private static byte[] BadHeaderLength(byte[] ip)
    {
        ip[0] = 0x4f;
        return ip;
    }

    private async Task<(ICaptureSession Session, EvidenceFile Pcap)> StartAsync(LiveCapture capture, string filter, Action<CapturedPacket>? onPacket = null)
    {
        var pcap = _store.Create("s", 1, ++_seq, "capture", null, "pcap", "capture", "application/vnd.tcpdump.pcap", _ => { });
        var session = await capture.StartAsync(pcap, new CaptureSettings(filter, onPacket), CancellationToken.None);
        _sessions.Add(session);
        return (session, pcap);
    }

    private static async Task<CaptureStats> StopAsync(ICaptureSession session)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await session.StopAsync(deadline.Token);
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"not within 10 s: {what}");
            }
        }
    }
}
