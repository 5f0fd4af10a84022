using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Wire.Tests.Support;

namespace IoTopia.Certify.Rigs.Tests.Capture;

/// <summary>capture.start / stop / expect run by the engine's rules against real traffic on lo (needs root or CAP_NET_RAW).</summary>
[TestFixture]
[NonParallelizable]
public sealed class CaptureStepsTests
{
    private StepHost? _host;

    [TearDown]
    public async Task TearDown()
    {
        if (_host is not null)
            await _host.DisposeAsync(); // stops every capture of the attempt
        _host = null;
    }

    private StepHost Host() => _host = StepHost.Create(new CaptureTestRig(Loopback.RequireCapture()), Loopback.Steps);

    [Test]
    public async Task ThePcapHoldsExactlyTheDutsPacketsAndItsRecordedHashMatches()
    {
        var host = Host();
        var start = await host.RunStepAsync("capture.start", new CaptureStartStep.Arguments());
        Assert.That(start.Verdict, Is.EqualTo(Verdict.Pass), start.Reason);
        Assert.That(start.Details["filter"]!.GetValue<string>(), Is.EqualTo("host 127.77.210.2 and not host 127.77.210.3"));

        var sent = new List<string>();
        using (var dut = Loopback.Udp(Loopback.Dut, 42101))
        using (var labSink = Loopback.Udp(Loopback.Lab, 42100))
        using (var lab = Loopback.Udp(Loopback.Lab, 42102))
        using (var dutSink = Loopback.Udp(Loopback.Dut, 42103))
        using (var probe = Loopback.Udp(Loopback.Probe, 42104))
        using (var other = Loopback.Udp(Loopback.Other, 42105))
        {
            for (var i = 0; i < 25; i++)
            {
                dut.Send(Loopback.Lab, 42100);
                sent.Add($"{Loopback.Dut}\t{Loopback.Lab}\t42101\t42100");
                if (i < 10)
                {
                    lab.Send(Loopback.Dut, 42103);
                    sent.Add($"{Loopback.Lab}\t{Loopback.Dut}\t42102\t42103");
                }
                probe.Send(Loopback.Lab, 42100); // the harness's probe: not DUT traffic
                probe.Send(Loopback.Dut, 42103);
                other.Send(Loopback.Lab, 42100); // another host
            }
        }

        var stop = await host.RunStepAsync("capture.stop", new CaptureStopStep.Arguments());
        Assert.That(stop.Verdict, Is.EqualTo(Verdict.Pass), stop.Reason);
        Assert.That(stop.Measurements.Select(m => $"{m.Name}={m.Value} {m.Unit}"),
            Is.EqualTo(new[] { "packets=35 packets", "dut-packets=35 packets", "drops=0 packets" }), "counted once each on lo");

        var late = host.Events.OfType<EvidenceAdded>().Where(e => e.StepSeq == start.Seq).Select(e => e.Evidence).ToList();
        var pcap = late.Single(e => e.Path.EndsWith("-capture.start-traffic.pcap", StringComparison.Ordinal));
        var file = Path.Combine(host.Folder.Root, pcap.Path);
        Assert.That(pcap.Path, Does.Match(@"^evidence/step-test/attempt-1/001-capture\.start-traffic\.pcap$"));
        Assert.That(pcap.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)))));
        Assert.That(pcap.Size, Is.EqualTo(new FileInfo(file).Length));

        var (exit, lines, errors) = await Tshark.FieldsAsync(file, "ip.src", "ip.dst", "udp.srcport", "udp.dstport");
        Assert.That(exit, Is.Zero, errors);
        Assert.That(lines.Order(StringComparer.Ordinal), Is.EqualTo(sent.Order(StringComparer.Ordinal)), "tshark lists exactly the packets sent");

        var counts = late.Single(e => e.Path.EndsWith("-capture.start-traffic-counts.json", StringComparison.Ordinal));
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(host.Folder.Root, counts.Path)))!;
        Assert.That(json["measurements"]!.AsArray().Select(m => $"{m!["name"]}={m["value"]}"), Is.EqualTo(new[] { "packets=35", "dut-packets=35", "drops=0" }));
        Assert.That(host.Events.OfType<Note>().Select(n => n.Text), Has.Some.EqualTo("capture 'traffic' stopped: 35 packets, 35 DUT packets, 0 dropped"));
    }

    [Test]
    public async Task ProbeTrafficIsCapturedWhenTheFilterTakesItButIsNotCountedAsTheDuts()
    {
        var host = Host();
        await RunAsync(host, "capture.start", new CaptureStartStep.Arguments { Name = "subnet", Filter = "net 127.77.210.0/24 and udp" });
        using (var dut = Loopback.Udp(Loopback.Dut, 42111))
        using (var sink = Loopback.Udp(Loopback.Lab, 42110))
        using (var probe = Loopback.Udp(Loopback.Probe, 42112))
        {
            dut.Send(Loopback.Lab, 42110, count: 5);
            probe.Send(Loopback.Lab, 42110, count: 4);
            probe.Send(Loopback.Dut, 42111, count: 3); // the probe talking to the DUT is the harness's, not the DUT's
        }
        var stop = await RunAsync(host, "capture.stop", new CaptureStopStep.Arguments { Name = "subnet" });
        Assert.That(stop.Measurements.Select(m => $"{m.Name}={m.Value}"), Is.EqualTo(new[] { "packets=12", "dut-packets=5", "drops=0" }));
    }

    [Test]
    public async Task ExpectSeenPassesForAFlowThatHappens()
    {
        var host = Host();
        await RunAsync(host, "capture.start", new CaptureStartStep.Arguments());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var expect = host.RunStepAsync("capture.expect", new CaptureExpectStep.Arguments
        {
            Seen = new FlowSpec { Host = Loopback.Lab, Port = 42120, Proto = FlowProtocol.Tcp },
            Within = TimeSpan.FromSeconds(10),
        });
        await Loopback.TcpExchangeAsync(Loopback.Dut, Loopback.Lab, 42120, cts.Token);
        var record = await expect;
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Pass), record.Reason);
        Assert.That(record.Reason, Does.StartWith($"seen: tcp {Loopback.Dut}:"));
        Assert.That(record.Details["matched"]!.AsArray(), Is.Not.Empty);

        var stop = await RunAsync(host, "capture.stop", new CaptureStopStep.Arguments());
        var pcap = host.Events.OfType<EvidenceAdded>().Single(e => e.Evidence.Path.EndsWith(".pcap", StringComparison.Ordinal)).Evidence;
        var (_, lines, errors) = await Tshark.FieldsAsync(Path.Combine(host.Folder.Root, pcap.Path), "tcp.srcport", "tcp.dstport");
        Assert.That(lines, Has.Count.EqualTo(Convert.ToInt64(stop.Measurements[0].Value)), errors);
        Assert.That(lines, Has.All.Contain("42120"));
    }

    [Test]
    public async Task ExpectSeenFailsWithTheFlowsSeenForAFlowThatDoesNotHappen()
    {
        var host = Host();
        await RunAsync(host, "capture.start", new CaptureStartStep.Arguments());
        using (var dut = Loopback.Udp(Loopback.Dut, 42131))
        using (var sink = Loopback.Udp(Loopback.Lab, 42130))
            dut.Send(Loopback.Lab, 42130, count: 3);

        var record = await host.RunStepAsync("capture.expect", new CaptureExpectStep.Arguments
        {
            Seen = new FlowSpec { Host = "127.77.210.9", Port = 443, Proto = FlowProtocol.Tcp },
            Within = TimeSpan.FromSeconds(1),
        });
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Fail), record.Reason);
        Assert.That(record.Expected, Is.EqualTo("a flow of the DUT with tcp 127.77.210.9 port 443 within 1s"));
        Assert.That(record.Observed, Is.EqualTo("1 DUT flows, none with tcp 127.77.210.9 port 443"));
        var flow = record.Details["flows"]!.AsArray().Single()!;
        Assert.That($"{flow["src"]}:{flow["srcPort"]} {flow["dst"]}:{flow["dstPort"]} {flow["proto"]} {flow["packets"]}",
            Is.EqualTo($"{Loopback.Dut}:42131 {Loopback.Lab}:42130 udp 3"));
    }

    [Test]
    public async Task ExpectNotSeenPassesWhenTheDutTalkedButNotToTheForbiddenHost()
    {
        var host = Host();
        await RunAsync(host, "capture.start", new CaptureStartStep.Arguments());
        using var dut = Loopback.Udp(Loopback.Dut, 42141);
        using var sink = Loopback.Udp(Loopback.Lab, 42140);
        using var cts = new CancellationTokenSource();
        var talking = dut.KeepSendingAsync(Loopback.Lab, 42140, TimeSpan.FromMilliseconds(50), cts.Token);

        var record = await host.RunStepAsync("capture.expect", new CaptureExpectStep.Arguments
        {
            NotSeen = new FlowSpec { Host = "127.77.210.10" },
            Within = TimeSpan.FromSeconds(1.5),
        });
        await cts.CancelAsync();
        await talking;
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Pass), record.Reason);
        Assert.That(record.Details["window"]!["dutPackets"]!.GetValue<long>(), Is.GreaterThan(5));
        Assert.That(record.Details["window"]!["drops"]!.GetValue<long>(), Is.Zero);
    }

    [Test]
    public async Task ExpectNotSeenFailsWhenTheDutTalksToANameTheCapturedDnsAnswerResolved()
    {
        var host = Host();
        await RunAsync(host, "capture.start", new CaptureStartStep.Arguments());
        using var dut = Loopback.Udp(Loopback.Dut, 42151);
        using (var resolver = Loopback.Udp(Loopback.Lab, 53))
            resolver.Send(DnsMessage.Response("forbidden.example", ["127.77.210.10"], "edge.forbidden.example"), Loopback.At(Loopback.Dut, 42151));
        using var allowedSink = Loopback.Udp(Loopback.Lab, 42150);
        using var forbiddenSink = Loopback.Udp("127.77.210.10", 42152);
        using var cts = new CancellationTokenSource();
        var talking = Task.WhenAll(
            dut.KeepSendingAsync(Loopback.Lab, 42150, TimeSpan.FromMilliseconds(50), cts.Token),
            dut.KeepSendingAsync("127.77.210.10", 42152, TimeSpan.FromMilliseconds(200), cts.Token));

        var started = DateTimeOffset.UtcNow;
        var record = await host.RunStepAsync("capture.expect", new CaptureExpectStep.Arguments
        {
            NotSeen = new FlowSpec { Host = "forbidden.example", Proto = FlowProtocol.Udp },
            Within = TimeSpan.FromSeconds(5),
        });
        await cts.CancelAsync();
        await talking;
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Fail), record.Reason);
        Assert.That(record.Ended - started, Is.LessThan(TimeSpan.FromSeconds(4)), "it fails at the first offending packet");
        var offending = record.Details["offending"]!;
        Assert.That(offending["flow"]!.GetValue<string>(), Is.EqualTo($"udp {Loopback.Dut}:42151 → 127.77.210.10:42152"));
        Assert.That(DateTimeOffset.Parse(offending["time"]!.GetValue<string>()), Is.GreaterThanOrEqualTo(started.AddSeconds(-1)));
        Assert.That(record.Details["host"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "127.77.210.10" }));
        Assert.That(record.Details["names"]!["forbidden.example"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "127.77.210.10" }));
    }

    [Test]
    public async Task ExpectNotSeenIsInconclusiveWhenTheDutSentNothingInTheWindow()
    {
        var host = Host();
        await RunAsync(host, "capture.start", new CaptureStartStep.Arguments());
        using var probe = Loopback.Udp(Loopback.Probe, 42161);
        using var sink = Loopback.Udp(Loopback.Lab, 42160);
        using var cts = new CancellationTokenSource();
        var probing = probe.KeepSendingAsync(Loopback.Lab, 42160, TimeSpan.FromMilliseconds(50), cts.Token); // the harness, not the DUT

        var record = await host.RunStepAsync("capture.expect", new CaptureExpectStep.Arguments
        {
            NotSeen = new FlowSpec { Host = "127.77.210.10" },
            Within = TimeSpan.FromSeconds(1),
        });
        await cts.CancelAsync();
        await probing;
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Inconclusive), record.Reason);
        Assert.That(record.Reason, Is.EqualTo("no DUT packets in the window"));
    }

    [Test]
    public async Task ExpectNotSeenIsInconclusiveWhenTheCaptureDroppedPacketsInTheWindow()
    {
        using var capture = new StallingCapture(Loopback.RequireCapture(StallingCapture.TinyRing));
        var host = _host = StepHost.Create(new CaptureTestRig(capture), Loopback.Steps);
        await RunAsync(host, "capture.start", new CaptureStartStep.Arguments());
        using var dut = Loopback.Udp(Loopback.Dut, 42181);
        using var sink = Loopback.Udp(Loopback.Lab, 42180);
        using var cts = new CancellationTokenSource();
        var talking = dut.KeepSendingAsync(Loopback.Lab, 42180, TimeSpan.FromMilliseconds(50), cts.Token);

        var expect = host.RunStepAsync("capture.expect", new CaptureExpectStep.Arguments
        {
            NotSeen = new FlowSpec { Host = "127.77.210.10" },
            Within = TimeSpan.FromSeconds(1.5),
        });
        await Eventually(() => host.Events.OfType<StepStarted>().Any(e => e.Name == "capture.expect"));
        capture.Stall();
        dut.Send(Loopback.Lab, 42180, count: 2000); // more than the held reader's ring holds
        capture.Release();
        var record = await expect;
        await cts.CancelAsync();
        await talking;
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Inconclusive), record.Reason);
        Assert.That(record.Reason, Does.Match(@"^\d+ packets dropped$"));
        Assert.That(record.Details["window"]!["drops"]!.GetValue<long>(), Is.GreaterThan(1000));
    }

    [Test]
    public async Task ExpectAndStopWithoutACaptureAreErrors()
    {
        var host = Host();
        var expect = await host.RunStepAsync("capture.expect", new CaptureExpectStep.Arguments { Seen = new FlowSpec { Host = Loopback.Lab } });
        var stop = await host.RunStepAsync("capture.stop", new CaptureStopStep.Arguments());
        Assert.That(expect.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(expect.Reason, Does.Contain("no capture named 'traffic' runs in this attempt"));
        Assert.That(stop.Verdict, Is.EqualTo(Verdict.Error));
    }

    [Test]
    public async Task TheAttemptsEndStopsACaptureAndRecordsItsCounts()
    {
        var host = Host();
        var start = await RunAsync(host, "capture.start", new CaptureStartStep.Arguments { Name = "until-end" });
        using (var dut = Loopback.Udp(Loopback.Dut, 42171))
        using (var sink = Loopback.Udp(Loopback.Lab, 42170))
            dut.Send(Loopback.Lab, 42170, count: 4);
        Assert.That(await host.EndAttemptAsync(), Is.Empty);
        var note = host.Events.OfType<Note>().Single(n => n.Text.StartsWith("capture 'until-end' stopped", StringComparison.Ordinal));
        Assert.That(note.Text, Is.EqualTo("capture 'until-end' stopped: 4 packets, 4 DUT packets, 0 dropped"));
        Assert.That(host.Events.OfType<EvidenceAdded>().Where(e => e.StepSeq == start.Seq).Select(e => Path.GetFileName(e.Evidence.Path)),
            Is.EquivalentTo(new[] { "001-capture.start-until-end.pcap", "001-capture.start-until-end-counts.json" }));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!condition())
            await timer.WaitForNextTickAsync(deadline.Token);
    }

    private static async Task<StepRecord> RunAsync(StepHost host, string step, object arguments)
    {
        var record = await host.RunStepAsync(step, arguments);
        Assert.That(record.Verdict, Is.EqualTo(Verdict.Pass), $"{step}: {record.Reason}");
        return record;
    }
}
