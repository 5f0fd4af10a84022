using System.Buffers.Binary;
using System.Net;
using IoTopia.Certify.Rigs.Lab.Ntp;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab;

/// <summary>The lab's NTP server, asked over real UDP from the DUT's address with hand-built 48-byte packets.</summary>
[TestFixture]
public sealed class LabNtpServerTests
{
    private const int Slot = 215;
    private LabTestRun _run = null!;
    private LabNtpServer _ntp = null!;
    private UdpProbe _client = null!;
    private IPEndPoint _server = null!;

    [SetUp]
    public async Task SetUp()
    {
        _run = await LabTestRun.CreateAsync(Slot);
        _ntp = new LabNtpServer();
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        await _ntp.StartAsync(_run.Lab, deadline.Token);
        _server = new IPEndPoint(_run.Plan.Lab, _run.Plan.NtpPort);
        _client = new UdpProbe(_run.Plan.Dut);
    }

    [TearDown]
    public async Task TearDown()
    {
        _client.Dispose();
        await _ntp.DisposeAsync();
        await _run.DisposeAsync();
    }

    [Test]
    public async Task AClientRequestGetsAServerModeAnswerFromTheHostClock()
    {
        var before = DateTimeOffset.UtcNow;
        var transmit = NtpTimestamp.From(before) ^ 0x5A5A; // a client's own, slightly odd, transmit timestamp
        var v4 = await AskAsync(Request(version: 4, poll: 6, transmit));
        var v3 = await AskAsync(Request(version: 3, poll: 10, transmit: 1));
        var after = DateTimeOffset.UtcNow;

        var receive = NtpTimestamp.ToTime(NtpTimestamp.Read(v4, 32), after);
        var sent = NtpTimestamp.ToTime(NtpTimestamp.Read(v4, 40), after);
        var reference = NtpTimestamp.ToTime(NtpTimestamp.Read(v4, 16), after);
        var line = JsonLines.Read(_ntp.EvidencePath!)[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(v4, Has.Length.EqualTo(48), "a bare header, never longer than the request");
            Assert.That((v4[0] >> 6, (v4[0] >> 3) & 7, v4[0] & 7), Is.EqualTo((0, 4, 4)), "no leap warning, the client's version, server mode");
            Assert.That(v4[1], Is.EqualTo(2), "stratum 2");
            Assert.That((sbyte)v4[2], Is.EqualTo(6), "the client's poll");
            Assert.That((sbyte)v4[3], Is.EqualTo(-20), "precision");
            Assert.That(BinaryPrimitives.ReadUInt32BigEndian(v4.AsSpan(8)), Is.InRange(1u, 0x10000u), "a root dispersion under one second");
            Assert.That(new IPAddress(v4.AsSpan(12, 4)), Is.EqualTo(IPAddress.Parse("127.127.1.0")), "reference id: the host clock");
            Assert.That(NtpTimestamp.Read(v4, 24), Is.EqualTo(transmit), "originate: the client's transmit timestamp, bit for bit");
            Assert.That(receive, Is.InRange(before.AddMilliseconds(-1), after.AddMilliseconds(1)), "receive: the host clock");
            Assert.That(sent, Is.InRange(receive, after.AddMilliseconds(1)), "transmit: after receive, before the answer arrived");
            Assert.That(reference, Is.LessThanOrEqualTo(sent));
            Assert.That((v3[0] & 7, (v3[0] >> 3) & 7, (sbyte)v3[2], NtpTimestamp.Read(v3, 24)), Is.EqualTo((4, 3, 10, 1UL)), "an NTPv3 client gets a v3 answer");
            Assert.That(line.Text("event"), Is.EqualTo("request"));
            Assert.That(line.Text("client"), Is.EqualTo($"{_run.Plan.Dut}:{_client.Local.Port}"));
            Assert.That(line.Text("clientTransmit"), Is.EqualTo(transmit.ToString("x16")));
            Assert.That(DateTimeOffset.Parse(line.Text("served")!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(sent).Within(TimeSpan.FromMilliseconds(1)));
            Assert.That(_ntp.Exchanges.Since(0).Select(e => e.Answered), Is.EqualTo(new[] { true, true }));
        }
    }

    [Test]
    public async Task ShortOrHostileDatagramsAreLoggedAndNeverAnswered()
    {
        byte[][] hostile =
        [
            [],
            [0x23],
            Request(4, 6, 1)[..47],                       // one byte short of a header
            Mode(Request(4, 6, 2), 4),                    // a server's answer sent back at it
            Mode(Request(2, 0, 3), 6),                    // a control query (ntpq), an amplification vector
            Mode(Request(2, 0, 4), 7),                    // a private query (monlist), another
            Mode(Request(4, 6, 5), 1),                    // symmetric active: a peer, not a client
            Request(0, 6, 6),                             // version 0
            Request(7, 6, 7),                             // version 7
        ];
        foreach (var packet in hostile)
            await _client.SendAsync(packet, _server);
        var big = await AskAsync([.. Request(4, 6, 8), .. new byte[1000]]); // with 1000 bytes of extension fields
        var next = await _client.ReceiveAsync(Deadlines.Silence);

        var lines = JsonLines.Read(_ntp.EvidencePath!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(NtpTimestamp.Read(big, 24), Is.EqualTo(8UL), "the first answer after the hostile datagrams is to the good request: none of them was answered");
            Assert.That(big, Has.Length.EqualTo(48), "a long request gets the 48-byte header: no amplification");
            Assert.That(next, Is.Null, "nothing else was answered");
            Assert.That(lines, Has.Count.EqualTo(hostile.Length + 1), "every datagram is a line");
            Assert.That(lines.Take(3).Select(l => l.Text("event")), Is.All.EqualTo("malformed"));
            Assert.That(lines[0].Text("reason"), Is.EqualTo("an empty datagram"));
            Assert.That(lines[2].Text("reason"), Does.Contain("47 bytes: shorter than the 48-byte NTP header"));
            Assert.That(lines[1].Text("hex"), Is.EqualTo("23"));
            Assert.That(lines.Skip(3).Take(4).Select(l => l.Text("reason")), Is.All.Contain("only client requests, mode 3, are answered"));
            Assert.That(lines.Skip(7).Take(2).Select(l => l.Text("reason")), Is.All.Contain("1–4 are answered"));
            Assert.That(_ntp.Exchanges.Since(0).Count(e => e.Answered), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task AScenarioCanShiftOrSilenceItsClockUntilReset()
    {
        _ntp.Configure(new NtpServing(TimeSpan.FromHours(-3)));
        var shifted = await AskAsync(Request(4, 6, 1));
        _ntp.Configure(new NtpServing(TimeSpan.Zero, Answer: false));
        await _client.SendAsync(Request(4, 6, 2), _server);
        var silent = await _client.ReceiveAsync(Deadlines.Silence);
        _ntp.Reset();
        var again = await AskAsync(Request(4, 6, 3));
        var now = DateTimeOffset.UtcNow;

        var lines = JsonLines.Read(_ntp.EvidencePath!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(NtpTimestamp.ToTime(NtpTimestamp.Read(shifted, 40), now), Is.EqualTo(now.AddHours(-3)).Within(TimeSpan.FromSeconds(5)));
            Assert.That(silent, Is.Null, "silenced: no answer");
            Assert.That(NtpTimestamp.ToTime(NtpTimestamp.Read(again, 40), now), Is.EqualTo(now).Within(TimeSpan.FromSeconds(5)), "reset: the host clock again");
            Assert.That(lines.Select(l => l.Text("event")), Is.EqualTo(new[] { "configure", "request", "configure", "request", "reset", "request" }));
            Assert.That(lines[0].Text("serving"), Is.EqualTo("host clock -10800 s"));
            Assert.That(lines[3].Text("reason"), Does.Contain("silent"));
            Assert.That(lines[4].Text("was"), Is.EqualTo("silent"));
            Assert.That(_ntp.Serving, Is.EqualTo(NtpServing.HostClock));
        }
    }

    [Test]
    public async Task ARealNtpClientChronydTakesItsTimeFromTheServer()
    {
        var chronyd = await ChronydProgramAsync();
        using var folder = new TempFolder("lab-ntp-chronyd-");
        // -Q: measure the offset once and print it, never set the clock; no command port, no pid file of the host's.
        var result = await ExternalProgram.RunAsync(chronyd,
            ["-Q", "-u", "root", "-t", "20", $"server {_server.Address} port {_server.Port} iburst maxsamples 1", "cmdport 0", $"pidfile {folder.Sub("chronyd.pid")}"],
            TimeSpan.FromSeconds(30));

        var requests = _ntp.Exchanges.Since(0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Stderr + result.Stdout, Does.Match(@"System clock wrong by -?0\.0\d+ seconds"), "chronyd accepted the answers: the host's own clock, within 0.1 s");
            Assert.That(requests, Is.Not.Empty);
            Assert.That(requests.Select(e => (e.Request!.Mode, e.Request.Version, e.Answered)), Is.All.EqualTo((3, 4, true)));
        }
    }

    /// <summary>
    /// chronyd on the PATH, else the one the board's build unpacks from Debian's chrony .deb — built here first when no
    /// test has built the board yet (the build is cached and locked, so the board's own tests reuse it).
    /// </summary>
    private static async Task<string> ChronydProgramAsync()
    {
        if (ExternalProgram.Find("chronyd") is { } installed)
            return installed;
        if (Unpacked() is { } unpacked)
            return unpacked;
        var build = await ExternalProgram.RunAsync(RepoRoot.Combine("fixtures", "linux-board", "build"), [], TimeSpan.FromMinutes(5));
        if (build.ExitCode != 0)
            Assert.Ignore($"no chronyd: not installed, and the board's build, which unpacks Debian's chrony .deb, could not run here: {build.Stderr.Trim()}");
        return Unpacked() ?? throw new InvalidOperationException($"the board's build succeeded but left no chronyd under .build/linux-board/unpacked: {build}");
    }

    private static string? Unpacked()
    {
        var unpacked = RepoRoot.Combine(".build", "linux-board", "unpacked");
        return Directory.Exists(unpacked)
            ? Directory.GetDirectories(unpacked, "chrony_*").Select(d => Path.Combine(d, "usr", "sbin", "chronyd")).FirstOrDefault(File.Exists)
            : null;
    }

    private static byte[] Request(int version, sbyte poll, ulong transmit)
    {
        var packet = new byte[48];
        packet[0] = (byte)((version << 3) | 3);
        packet[2] = (byte)poll;
        packet[3] = unchecked((byte)-6);
        BinaryPrimitives.WriteUInt64BigEndian(packet.AsSpan(40), transmit);
        return packet;
    }

    private static byte[] Mode(byte[] packet, int mode)
    {
        packet[0] = (byte)((packet[0] & ~7) | mode);
        return packet;
    }

    private async Task<byte[]> AskAsync(byte[] request)
    {
        await _client.SendAsync(request, _server);
        var got = await _client.ReceiveAsync(Deadlines.Reply);
        Assert.That(got, Is.Not.Null, $"no answer within {Deadlines.Reply}");
        Assert.That(got!.Value.From, Is.EqualTo(_server), "the answer comes from the lab's NTP address and port");
        return got.Value.Data;
    }
}
