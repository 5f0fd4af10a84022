using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Lab.Update;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab.Update;

/// <summary>A hostile or stalled client never hangs the update server: slowloris, huge headers, many connections, a reader that stops.</summary>
[TestFixture]
public sealed class LabUpdateHostileClientTests
{
    private const int Slot = 237;
    private const string UpdateHost = "updates.vendor.example";
    private const int MaxResponses = 4;
    private static readonly byte[] Image = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("firmware-1.1.0;", 10_000)));
    private static readonly TimeSpan Wait = Poll.Wait;

    private LabTestRun _run = null!;
    private LabHttpsHost _https = null!;
    private LabUpdateServer _server = null!;
    private UpdateTestClient _client = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _run = await LabTestRun.CreateAsync(Slot);
        _https = new LabHttpsHost(new LabHttpsOptions { HeadersTimeout = TimeSpan.FromSeconds(2) });
        _server = new LabUpdateServer(_https, new LabUpdateOptions { MaxConcurrentResponses = MaxResponses, EndlessCapBytes = 64L * 1024 * 1024 });
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        await _https.StartAsync(_run.Lab, deadline.Token);
        await _server.StartAsync(_run.Lab, deadline.Token);
        _client = new UpdateTestClient(_run.Plan.Dut, name => _run.Plan.AddressFor(name)!, _run.Pki.CaCertificate);
        _server.Offer(UpdateHost, "/fw.bin", new UpdateArtefact { Bytes = Image, Label = "genuine 1.1.0" }, UpdateBehaviour.Genuine);
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
    public async Task ASlowlorisIsDroppedAndOthersAreServedMeanwhile()
    {
        using var tcp = new TcpClient(new IPEndPoint(_run.Plan.Dut, 0));
        await tcp.ConnectAsync(_run.Plan.AddressFor(UpdateHost)!, _run.Plan.HttpsPort);
        await using var tls = new SslStream(tcp.GetStream());
        using var deadline = new CancellationTokenSource(Wait);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = UpdateHost,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { _run.Pki.CaCertificate }, RevocationMode = X509RevocationMode.NoCheck },
        }, deadline.Token);
        await tls.WriteAsync(Encoding.ASCII.GetBytes($"GET /fw.bin HTTP/1.1\r\nHost: {UpdateHost}\r\nX-Slow: a"), deadline.Token);

        var meanwhile = await _client.GetAsync(Url("/fw.bin"), Wait);
        var closed = await ReadsToEndAsync(tls, deadline.Token);
        Assert.Multiple(() =>
        {
            Assert.That(meanwhile.Body, Is.EqualTo(Image), "served while the slow client held its connection");
            Assert.That(closed, Is.True, "the server dropped the unfinished request at its headers deadline");
            Assert.That(_server.Served.Since().Count(s => s.Status == 200), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task HugeHeadersAreRefusedAndTheServiceGoesOn()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/fw.bin"));
        request.Headers.Add("X-Huge", new string('h', 100_000));
        using var deadline = new CancellationTokenSource(Wait);
        using var refused = await _client.SendAsync(request, deadline.Token);
        var after = await _client.GetAsync(Url("/fw.bin"), Wait);
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.RequestHeaderFieldsTooLarge));
            Assert.That(after.Body, Is.EqualTo(Image));
        });
    }

    [Test]
    public async Task ManyConnectionsGet503PastTheServicesLimit()
    {
        _server.Offer(UpdateHost, "/hang", new UpdateArtefact { Bytes = Image, Label = "genuine 1.1.0" }, new UpdateBehaviour { Kind = UpdateBehaviourKind.Hang, Deadline = TimeSpan.FromSeconds(30) });
        var requests = Enumerable.Range(0, MaxResponses * 2).Select(_ => Attempt(() => _client.GetAsync(Url("/hang"), TimeSpan.FromSeconds(30)))).ToList();
        await Poll.UntilAsync(() => _server.Served.Since().Count(s => s.Status == 503) == MaxResponses && _server.Running == MaxResponses, "the requests past the limit answered 503");
        _server.Reset();
        var ended = await Task.WhenAll(requests).WaitAsync(Wait);
        _server.Offer(UpdateHost, "/fw.bin", new UpdateArtefact { Bytes = Image, Label = "genuine 1.1.0" }, UpdateBehaviour.Genuine);
        var after = await _client.GetAsync(Url("/fw.bin"), Wait);
        var served = await Poll.UntilAsync(() => _server.Served.Count == MaxResponses * 2 + 1 ? _server.Served.Since() : null, "every response recorded");
        Assert.Multiple(() =>
        {
            Assert.That(ended.Count(r => r?.Status == HttpStatusCode.ServiceUnavailable), Is.EqualTo(MaxResponses));
            Assert.That(ended.Count(r => r is null), Is.EqualTo(MaxResponses), "the hung ones were cut by the reset");
            Assert.That(served.Count(s => s.Ending == UpdateEnding.ResetByService), Is.EqualTo(MaxResponses));
            Assert.That(served.Where(s => s.Status == 503).Select(s => s.Note), Has.All.Contains("at once"));
            Assert.That(after.Body, Is.EqualTo(Image), "served again once the hangs are gone");
            Assert.That(_server.Running, Is.Zero);
        });
    }

    [Test]
    public async Task AClientThatStopsReadingIsCutAtTheDeadline()
    {
        _server.Offer(UpdateHost, "/endless", new UpdateArtefact { Bytes = Image, Label = "genuine 1.1.0" }, new UpdateBehaviour { Kind = UpdateBehaviourKind.Endless, Deadline = TimeSpan.FromSeconds(2) });
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/endless"));
        using var deadline = new CancellationTokenSource(Wait);
        using var response = await _client.SendAsync(request, deadline.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
        await stream.ReadExactlyAsync(new byte[1000], deadline.Token);
        var cut = await Poll.UntilAsync(() => _server.Served.Since().SingleOrDefault(), "the stalled response was cut");
        Assert.Multiple(() =>
        {
            Assert.That(cut!.Ending, Is.EqualTo(UpdateEnding.CutByDeadline));
            Assert.That(cut.Note, Does.Contain("deadline of 2 s"));
            Assert.That(cut.BytesSent, Is.GreaterThan(1000).And.LessThan(64L * 1024 * 1024), "the writes stalled when the client stopped reading");
            Assert.That(cut.LastWriteAfter, Is.LessThan(cut.Duration));
            Assert.That(cut.Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)));
        });
    }

    private string Url(string path) => $"https://{UpdateHost}:{_run.Plan.HttpsPort}{path}";

    private static async Task<UpdateTestClient.Received?> Attempt(Func<Task<UpdateTestClient.Received>> get)
    {
        try
        {
            return await get();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<bool> ReadsToEndAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, ct) > 0)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
