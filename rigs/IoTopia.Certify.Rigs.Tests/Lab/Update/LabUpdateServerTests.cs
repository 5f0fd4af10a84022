using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Lab.Update;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab.Update;

/// <summary>Every transport behaviour of the lab update server against a real HTTPS client: what the client got, and what the evidence says was sent.</summary>
[TestFixture]
public sealed class LabUpdateServerTests
{
    private const int Slot = 236;
    private const string UpdateHost = "updates.vendor.example";
    private const long Cap = 32L * 1024 * 1024;
    private static readonly byte[] Image = RandomBytes(200_000, seed: 7);
    private static readonly TimeSpan Wait = Poll.Wait;

    private LabTestRun _run = null!;
    private LabHttpsHost _https = null!;
    private LabUpdateServer _server = null!;
    private UpdateTestClient _client = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _run = await LabTestRun.CreateAsync(Slot);
        _https = new LabHttpsHost();
        _server = new LabUpdateServer(_https, new LabUpdateOptions { EndlessCapBytes = Cap });
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        await _https.StartAsync(_run.Lab, deadline.Token);
        await _server.StartAsync(_run.Lab, deadline.Token);
        _client = new UpdateTestClient(_run.Plan.Dut, name => _run.Plan.AddressFor(name)!, _run.Pki.CaCertificate);
    }

    [TearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        await _https.DisposeAsync();
        await _run.DisposeAsync();
    }

    [Test]
    public async Task GenuineIsServedAsIsAndEveryByteIsEvidence()
    {
        var offer = _server.Offer(UpdateHost, "/fw/1.1.0.bin", Artefact("genuine 1.1.0"), UpdateBehaviour.Genuine);
        var got = await _client.GetAsync(Url("/fw/1.1.0.bin"), Wait);
        var served = await ServedAsync(1);
        var line = ServedLine(0);
        Assert.Multiple(() =>
        {
            Assert.That(offer.Number, Is.EqualTo(1));
            Assert.That((got.Status, got.ContentLength, got.Broken), Is.EqualTo((HttpStatusCode.OK, (long?)Image.Length, (Exception?)null)));
            Assert.That(got.Body, Is.EqualTo(Image));
            Assert.That(served[0].Ending, Is.EqualTo(UpdateEnding.Complete));
            Assert.That(served[0].Client.Address, Is.EqualTo(_run.Plan.Dut));
            Assert.That(line.Text("sni"), Is.EqualTo(UpdateHost));
            Assert.That(line.Text("host"), Is.EqualTo(UpdateHost));
            Assert.That(line.Text("path"), Is.EqualTo("/fw/1.1.0.bin"));
            Assert.That(line.Text("label"), Is.EqualTo("genuine 1.1.0"));
            Assert.That(line.Text("behaviour"), Is.EqualTo("genuine"));
            Assert.That(line.GetProperty("status").GetInt32(), Is.EqualTo(200));
            Assert.That(line.GetProperty("declaredSize").GetInt64(), Is.EqualTo(Image.Length));
            Assert.That(line.GetProperty("bytesSent").GetInt64(), Is.EqualTo(Image.Length));
            Assert.That(line.Text("sha256Sent"), Is.EqualTo(Sha256(got.Body)));
            Assert.That(line.Text("ending"), Is.EqualTo("complete"));
            Assert.That(line.GetProperty("durationMs").GetDouble(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task BitFlipFlipsOneRecordedBitGivenOrSeeded()
    {
        var seeded = _server.Offer(UpdateHost, "/fw.bin", Artefact("genuine 1.1.0"), new UpdateBehaviour { Kind = UpdateBehaviourKind.BitFlip, Seed = 42 });
        var first = await _client.GetAsync(Url("/fw.bin"), Wait);
        var given = _server.Offer(UpdateHost, "/fw.bin", Artefact("genuine 1.1.0"), new UpdateBehaviour { Kind = UpdateBehaviourKind.BitFlip, Bit = 13 });
        var second = await _client.GetAsync(Url("/fw.bin"), Wait);
        var again = _server.Offer(UpdateHost, "/other.bin", Artefact("genuine 1.1.0"), new UpdateBehaviour { Kind = UpdateBehaviourKind.BitFlip, Seed = 42 });
        await ServedAsync(2);
        Assert.Multiple(() =>
        {
            Assert.That(DifferingBits(first.Body), Is.EqualTo(new[] { seeded.FlippedBit!.Value }), "exactly the recorded bit differs");
            Assert.That(DifferingBits(second.Body), Is.EqualTo(new[] { 13L }));
            Assert.That(given.FlippedBit, Is.EqualTo(13));
            Assert.That(again.FlippedBit, Is.EqualTo(seeded.FlippedBit), "the same seed flips the same bit");
            Assert.That(ServedLine(0).GetProperty("flippedBit").GetInt64(), Is.EqualTo(seeded.FlippedBit));
            Assert.That(ServedLine(0).Text("sha256Sent"), Is.EqualTo(Sha256(first.Body)).And.Not.EqualTo(Sha256(Image)));
            var offerLine = Lines().First(l => l.Text("event") == "offer");
            Assert.That((offerLine.GetProperty("seed").GetInt32(), offerLine.GetProperty("flippedBit").GetInt64()), Is.EqualTo((42, seeded.FlippedBit!.Value)));
        });
    }

    [Test]
    public async Task TruncateSendsTheFirstBytesThenClosesTheConnection()
    {
        _server.Offer(UpdateHost, "/fw.bin", Artefact("genuine 1.1.0"), new UpdateBehaviour { Kind = UpdateBehaviourKind.Truncate, Bytes = 50_000 });
        var got = await _client.GetAsync(Url("/fw.bin"), Wait);
        await ServedAsync(1);
        var line = ServedLine(0);
        Assert.Multiple(() =>
        {
            Assert.That(got.ContentLength, Is.EqualTo(Image.Length), "the whole size declared");
            Assert.That(got.Broken, Is.Not.Null, "the body ended early: the client must see a broken download");
            Assert.That(got.Body.Length, Is.LessThanOrEqualTo(50_000));
            Assert.That(got.Body, Is.EqualTo(Image[..got.Body.Length]));
            Assert.That(line.GetProperty("bytesSent").GetInt64(), Is.EqualTo(50_000));
            Assert.That(line.Text("sha256Sent"), Is.EqualTo(Sha256(Image[..50_000])));
            Assert.That(line.Text("ending"), Is.EqualTo("reset-by-service"));
        });
    }

    [Test]
    public async Task EndlessDataGoesPastTheDeclaredSizeUpToTheServicesCap()
    {
        _server.Offer(UpdateHost, "/fw.bin", Artefact("genuine 1.1.0"), new UpdateBehaviour { Kind = UpdateBehaviourKind.Endless });
        var got = await _client.GetAsync(Url("/fw.bin"), TimeSpan.FromSeconds(30));
        await ServedAsync(1);
        var line = ServedLine(0);
        Assert.Multiple(() =>
        {
            Assert.That(got.ContentLength, Is.Null, "no length: the size the client expects is the manifest's");
            Assert.That(got.Broken, Is.Not.Null, "cut at the cap, never ended as if whole");
            Assert.That(got.Body.Length, Is.GreaterThan(Image.Length).And.LessThanOrEqualTo(Cap));
            Assert.That(got.Body[..Image.Length], Is.EqualTo(Image));
            Assert.That(line.GetProperty("declaredSize").GetInt64(), Is.EqualTo(Image.Length));
            Assert.That(line.GetProperty("bytesSent").GetInt64(), Is.EqualTo(Cap));
            Assert.That(line.Text("ending"), Is.EqualTo("cut-by-deadline"));
            Assert.That(line.Text("note"), Does.Contain("cap"));
        });
    }

    [Test]
    public async Task EndlessDataStopsWhenTheClientGivesUp()
    {
        _server.Offer(UpdateHost, "/fw.bin", Artefact("genuine 1.1.0"), new UpdateBehaviour { Kind = UpdateBehaviourKind.Endless });
        var got = await _client.GetAsync(Url("/fw.bin"), Wait, readLimit: 300_000);
        var served = await ServedAsync(1);
        var line = ServedLine(0);
        Assert.Multiple(() =>
        {
            Assert.That(got.Body.Length, Is.EqualTo(300_000));
            Assert.That(served[0].Ending, Is.EqualTo(UpdateEnding.ClientClosed));
            Assert.That(served[0].BytesSent, Is.GreaterThanOrEqualTo(300_000).And.LessThan(Cap));
            Assert.That(served[0].LastWriteAfter, Is.Not.Null.And.LessThanOrEqualTo(served[0].Duration), "when the client stopped taking data");
            Assert.That(line.Text("ending"), Is.EqualTo("client-closed"));
            Assert.That(line.GetProperty("lastWriteAfterMs").GetDouble(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task TrickleRateIsWhatTheClientMeasures()
    {
        const int rate = 1500;
        var small = Image[..3000];
        _server.Offer(UpdateHost, "/fw.bin", new UpdateArtefact { Bytes = small, Label = "genuine 1.1.0" }, new UpdateBehaviour { Kind = UpdateBehaviourKind.Trickle, Bytes = rate });
        var got = await _client.GetAsync(Url("/fw.bin"), Wait);
        var served = await ServedAsync(1);
        var clientRate = got.Body.Length / got.Elapsed.TotalSeconds;
        var serverRate = ServedLine(0).GetProperty("bytesPerSecond").GetDouble();
        Assert.Multiple(() =>
        {
            Assert.That(got.Body, Is.EqualTo(small));
            Assert.That(served[0].Ending, Is.EqualTo(UpdateEnding.Complete));
            Assert.That(clientRate, Is.InRange(rate * 0.5, rate * 1.25), $"the client measured {clientRate:0} B/s in {got.Elapsed.TotalSeconds:0.00} s");
            Assert.That(serverRate, Is.InRange(clientRate * 0.8, clientRate * 1.25), "the evidence's rate is the one the client saw");
        });
    }

    [TestCase(404)]
    [TestCase(500)]
    public async Task StatusAnswersTheGivenStatus(int status)
    {
        _server.Offer(UpdateHost, "/manifest.json", Artefact("genuine 1.1.0"), new UpdateBehaviour { Kind = UpdateBehaviourKind.Status, Status = status });
        var got = await _client.GetAsync(Url("/manifest.json"), Wait);
        await ServedAsync(1);
        Assert.Multiple(() =>
        {
            Assert.That((int)got.Status, Is.EqualTo(status));
            Assert.That(ServedLine(0).GetProperty("status").GetInt32(), Is.EqualTo(status));
            Assert.That(ServedLine(0).Text("behaviour"), Is.EqualTo("status"));
        });
    }

    [Test]
    public async Task HangNeverAnswersUntilItsDeadline()
    {
        _server.Offer(UpdateHost, "/manifest.json", Artefact("genuine 1.1.0"), new UpdateBehaviour { Kind = UpdateBehaviourKind.Hang, Deadline = TimeSpan.FromSeconds(1) });
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAsync<HttpRequestException>(() => _client.GetAsync(Url("/manifest.json"), Wait), "no answer, then the connection closed");
        var served = await ServedAsync(1);
        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)));
            Assert.That(served[0].Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)));
            Assert.That(ServedLine(0).GetProperty("status").GetInt32(), Is.Zero, "no status was sent");
            Assert.That(ServedLine(0).Text("ending"), Is.EqualTo("cut-by-deadline"));
            Assert.That(ServedLine(0).Text("client"), Does.StartWith(_run.Plan.Dut + ":"), "the hung connection is recorded");
        });
    }

    [Test]
    public async Task ResetCutsAHangAndForgetsTheOffers()
    {
        _server.Offer(UpdateHost, "/manifest.json", Artefact("genuine 1.1.0"), new UpdateBehaviour { Kind = UpdateBehaviourKind.Hang, Deadline = TimeSpan.FromSeconds(60) });
        var hanging = _client.GetAsync(Url("/manifest.json"), TimeSpan.FromSeconds(60));
        await Poll.UntilAsync(() => _server.Running == 1, "the hang began");
        _server.Reset();
        Assert.ThrowsAsync<HttpRequestException>(() => hanging);
        var cut = await Poll.UntilAsync(() => _server.Served.Since().SingleOrDefault(), "the cut hang was recorded");
        var after = await _client.GetAsync(Url("/manifest.json"), Wait);
        Assert.Multiple(() =>
        {
            Assert.That(cut!.Ending, Is.EqualTo(UpdateEnding.ResetByService));
            Assert.That(cut.Scenario, Is.Zero, "it belongs to the scenario it began in");
            Assert.That(_server.ServedSinceReset(), Is.Empty);
            Assert.That(_server.History(UpdateHost, "/manifest.json"), Is.Empty);
            Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), "the HTTPS host's default again");
            Assert.That(System.Text.Encoding.UTF8.GetString(after.Body), Is.EqualTo("{\"status\":\"ok\"}"));
            Assert.That(Lines().Single(l => l.Text("event") == "reset").GetProperty("paths")[0].GetString(), Is.EqualTo(UpdateHost + "/manifest.json"));
        });
    }

    [Test]
    public async Task ReplayServesAnEarlierOfferAfterANewerOne()
    {
        var stale = Image[..1000];
        var fresh = Image[1000..2500];
        _server.Offer(UpdateHost, "/manifest.json", new UpdateArtefact { Bytes = stale, MediaType = "application/json", Label = "manifest 1.0.0" }, UpdateBehaviour.Genuine);
        _server.Offer(UpdateHost, "/manifest.json", new UpdateArtefact { Bytes = fresh, MediaType = "application/json", Label = "manifest 1.1.0" }, UpdateBehaviour.Genuine);
        var newer = await _client.GetAsync(Url("/manifest.json"), Wait);
        var replay = _server.Offer(UpdateHost, "/manifest.json", null, new UpdateBehaviour { Kind = UpdateBehaviourKind.Replay });
        var replayed = await _client.GetAsync(Url("/manifest.json"), Wait);
        await ServedAsync(2);
        Assert.Multiple(() =>
        {
            Assert.That(newer.Body, Is.EqualTo(fresh));
            Assert.That(replayed.Body, Is.EqualTo(stale), "the stale manifest again");
            Assert.That((replay.Number, replay.Behaviour.ReplayOf, replay.Artefact.Label), Is.EqualTo((3, (int?)1, "manifest 1.0.0")));
            Assert.That(_server.History(UpdateHost, "/manifest.json").Select(o => o.Artefact.Label), Is.EqualTo(new[] { "manifest 1.0.0", "manifest 1.1.0", "manifest 1.0.0" }));
            Assert.That(ServedLine(1).Text("label"), Is.EqualTo("manifest 1.0.0"));
            Assert.That(ServedLine(1).GetProperty("replayOf").GetInt32(), Is.EqualTo(1));
            Assert.That(ServedLine(1).Text("sha256Sent"), Is.EqualTo(Sha256(stale)));
            Assert.That(() => _server.Offer(UpdateHost, "/manifest.json", null, new UpdateBehaviour { Kind = UpdateBehaviourKind.Replay, ReplayOf = 9 }),
                Throws.ArgumentException.With.Message.Contains("there is no offer 9"));
            Assert.That(() => _server.Offer(UpdateHost, "/new.json", null, new UpdateBehaviour { Kind = UpdateBehaviourKind.Replay }),
                Throws.ArgumentException.With.Message.Contains("nothing was offered"));
        });
    }

    [Test]
    public async Task CurlDownloadsTheGenuineImageTrustingTheLabCa()
    {
        if (!File.Exists("/usr/bin/curl"))
            Assert.Ignore("curl is not installed: the HttpClient cases cover the same path");
        _server.Offer(UpdateHost, "/fw.bin", Artefact("genuine 1.1.0"), UpdateBehaviour.Genuine);
        var output = Path.Combine(_run.RigFolder, "curl.bin");
        var info = new ProcessStartInfo("/usr/bin/curl")
        {
            ArgumentList =
            {
                "--silent", "--show-error", "--max-time", "10", "--cacert", _run.Pki.CaCertificatePath,
                "--interface", _run.Plan.Dut.ToString(),
                "--resolve", $"{UpdateHost}:{_run.Plan.HttpsPort}:{_run.Plan.AddressFor(UpdateHost)}",
                "--output", output, "--write-out", "%{http_code} %{size_download}", Url("/fw.bin"),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var curl = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(Wait);
        var stdout = await curl.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = await curl.StandardError.ReadToEndAsync(deadline.Token);
        await curl.WaitForExitAsync(deadline.Token);
        await ServedAsync(1);
        Assert.Multiple(() =>
        {
            Assert.That(curl.ExitCode, Is.Zero, stderr);
            Assert.That(stdout, Is.EqualTo($"200 {Image.Length}"));
            Assert.That(File.ReadAllBytes(output), Is.EqualTo(Image));
            Assert.That(ServedLine(0).Text("sha256Sent"), Is.EqualTo(Sha256(Image)));
        });
    }

    private string Url(string path) => $"https://{UpdateHost}:{_run.Plan.HttpsPort}{path}";

    private static UpdateArtefact Artefact(string label) => new() { Bytes = Image, Label = label };

    private async Task<IReadOnlyList<UpdateServed>> ServedAsync(int count) =>
        (await Poll.UntilAsync(() => _server.Served.Count >= count ? _server.Served.Since() : null, $"{count} responses recorded"))!;

    private IReadOnlyList<JsonElement> Lines() => JsonLines.Read(_server.EvidencePath!);

    private JsonElement ServedLine(int n) => Lines().Where(l => l.Text("event") == "served").ElementAt(n);

    private static long[] DifferingBits(byte[] got) =>
        [.. Enumerable.Range(0, Image.Length * 8).Where(b => ((got[b / 8] ^ Image[b / 8]) & (0x80 >> (b % 8))) != 0).Select(b => (long)b)];

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] RandomBytes(int n, int seed)
    {
        var bytes = new byte[n];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
