using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Lab.Pki;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab;

[TestFixture]
public sealed class LabHttpsHostTests
{
    private const int Slot = 203;
    private const string Cloud = "telemetry.cloud.example";
    private LabTestRun _run = null!;
    private LabHttpsHost _host = null!;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        _run = await LabTestRun.CreateAsync(Slot);
        _host = new LabHttpsHost();
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        await _host.StartAsync(_run.Lab, deadline.Token);
    }

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        await _host.DisposeAsync();
        await _run.DisposeAsync();
    }

    [Test]
    public async Task ACloudNameIsServedWithACertificateChainingToTheTestCaAndLogged()
    {
        using var client = Client();
        var body = "{\"model\":\"RD-1\",\"seq\":1}"u8.ToArray();
        var cursor = _host.Requests.Count;
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, Url(Cloud, "/telemetry"))
        {
            Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } },
        });
        var exchange = await WaitAsync(Cloud, "/telemetry", cursor);
        var server = client.ServerCertificate!;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_run.Pki.CaCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        var line = JsonLines.Read(_host.EvidencePath!).Last(l => l.Text("path") == "/telemetry");
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"status\":\"ok\"}"));
            Assert.That(chain.Build(server), Is.True, string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
            Assert.That(chain.ChainElements[^1].Certificate.Thumbprint, Is.EqualTo(_run.Pki.CaCertificate.Thumbprint));
            Assert.That(server.MatchesHostname(Cloud), Is.True);
            Assert.That(exchange.Request.Local.Address, Is.EqualTo(_run.Plan.Names[Cloud]), "served on the name's own address");
            Assert.That(line.Text("sni"), Is.EqualTo(Cloud));
            Assert.That(line.Text("host"), Is.EqualTo(Cloud));
            Assert.That(line.Text("method"), Is.EqualTo("POST"));
            Assert.That(line.Text("client"), Does.StartWith($"{_run.Plan.Dut}:"));
            Assert.That(line.GetProperty("bodySize").GetInt32(), Is.EqualTo(body.Length));
            Assert.That(line.Text("bodySha256"), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(body))));
            Assert.That(Convert.FromBase64String(line.Text("bodyBase64")!), Is.EqualTo(body));
            Assert.That(line.GetProperty("status").GetInt32(), Is.EqualTo(200));
            Assert.That(line.GetProperty("clientCertificate").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(line.GetProperty("headers").EnumerateArray().Select(h => h[0].GetString()), Has.Member("Content-Type"));
        });
    }

    [Test]
    public async Task AClientCertificateWithAMudUrlIsRecorded()
    {
        const string mudUrl = "https://mud.lab.example/rd-1.json";
        using var device = _run.Pki.IssueDevice(new DeviceCertificateRequest
        {
            Model = "RD-1", SerialNumber = "RD1-0042", Address = _run.Plan.Dut, MudUrl = mudUrl,
        });
        using var client = Client(device.Certificate);
        var cursor = _host.Requests.Count;
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(Cloud, "/hello")));
        var exchange = await WaitAsync(Cloud, "/hello", cursor);
        var line = JsonLines.Read(_host.EvidencePath!).Last(l => l.Text("path") == "/hello");
        var cert = line.GetProperty("clientCertificate");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(exchange.Request.ClientCertificate!.MudUrl, Is.EqualTo(mudUrl));
            Assert.That(exchange.Request.ClientCertificate.ChainsToLabCa, Is.True);
            Assert.That(cert.Text("mudUrl"), Is.EqualTo(mudUrl));
            Assert.That(cert.Text("subject"), Does.Contain("CN=RD-1 RD1-0042"));
            Assert.That(cert.GetProperty("chainsToLabCa").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task RoutesAnswerTheirHostAndPathAndGoAwayWhenDisposed()
    {
        using var client = Client();
        var mud = Encoding.UTF8.GetBytes("{\"ietf-mud:mud\":{}}");
        var route = _host.Map("mud.lab.example", "/rd-1.json", async (request, response, ct) =>
        {
            response.ContentType = "application/mud+json";
            await response.Body.WriteAsync(mud, ct);
        });
        using var anyHost = _host.Map("*", "/firmware/*", (_, response, _) =>
        {
            response.StatusCode = 404;
            return Task.CompletedTask;
        });
        using (route)
        {
            using var served = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url("mud.lab.example", "/rd-1.json")));
            using var otherHost = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(Cloud, "/rd-1.json")));
            using var firmware = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(Cloud, "/firmware/2.0.0.bin")));
            Assert.Multiple(async () =>
            {
                Assert.That(await served.Content.ReadAsByteArrayAsync(), Is.EqualTo(mud));
                Assert.That(served.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/mud+json"));
                Assert.That(otherHost.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another host gets the default");
                Assert.That(firmware.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            });
        }
        var cursor = _host.Requests.Count;
        using var after = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url("mud.lab.example", "/rd-1.json")));
        var exchange = await WaitAsync("mud.lab.example", "/rd-1.json", cursor);
        Assert.That(exchange.Route, Is.EqualTo("default"));
        Assert.That(await after.Content.ReadAsStringAsync(), Is.EqualTo("{\"status\":\"ok\"}"));
    }

    [Test]
    public async Task Http2IsServedToo()
    {
        using var client = Client();
        var cursor = _host.Requests.Count;
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(Cloud, "/h2"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var exchange = await WaitAsync(Cloud, "/h2", cursor);
        Assert.That((response.Version, exchange.Request.Protocol), Is.EqualTo((HttpVersion.Version20, "HTTP/2")));
    }

    [Test]
    public async Task AnOversizedBodyIsRefusedAndLogged()
    {
        using var client = Client();
        var cursor = _host.Requests.Count;
        try
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, Url(Cloud, "/big"))
            {
                Content = new ByteArrayContent(new byte[1024 * 1024 + 1]),
            });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        }
        catch (HttpRequestException)
        {
            // the host may close the connection while the client is still sending: the log decides
        }
        var exchange = await WaitAsync(Cloud, "/big", cursor);
        Assert.Multiple(() =>
        {
            Assert.That(exchange.Status, Is.EqualTo(413));
            Assert.That(exchange.Problem, Does.Contain("limit"));
            Assert.That(JsonLines.Read(_host.EvidencePath!).Last(l => l.Text("path") == "/big").GetProperty("contentLength").GetInt64(), Is.EqualTo(1024 * 1024 + 1));
        });
    }

    [Test]
    public async Task TheLabAddressWithoutSniGetsACertificateForTheAddress()
    {
        using var client = Client();
        var lab = _run.Plan.Lab;
        var cursor = _host.Requests.Count;
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"https://{lab}:{_run.Plan.HttpsPort}/status"));
        var exchange = await WaitAsync(lab.ToString(), "/status", cursor);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(client.ServerCertificate!.MatchesHostname(lab.ToString()), Is.True);
            Assert.That(exchange.Request.Sni, Is.Null);
        });
    }

    [Test]
    public async Task ConnectionsWithoutARequestAreLogged()
    {
        using (var client = Client(refuseServer: true))
            Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url("refusing.cloud.example", "/"))));
        using (var plain = new System.Net.Sockets.TcpClient(new IPEndPoint(_run.Plan.Dut, 0)))
        {
            await plain.ConnectAsync(_run.Plan.Lab, _run.Plan.HttpsPort);
            await plain.GetStream().WriteAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
            using var deadline = new CancellationTokenSource(Deadlines.Reply);
            var buffer = new byte[256];
            while (await plain.GetStream().ReadAsync(buffer, deadline.Token) > 0)
            {
                // until the host closes the connection
            }
        }
        await PollAsync(lines => lines.Any(l => l.Text("event") == "connection-without-request" && l.Text("sni") == "refusing.cloud.example"
            && l.GetProperty("tlsCompleted").GetBoolean()), "the client that refused our certificate");
        await PollAsync(lines => lines.Any(l => l.Text("event") == "connection-without-request" && l.Text("sni") is null or ""
            && !l.GetProperty("tlsCompleted").GetBoolean()), "the plain-text client");
    }

    private async Task PollAsync(Func<IReadOnlyList<System.Text.Json.JsonElement>, bool> seen, string what)
    {
        using var deadline = new CancellationTokenSource(Deadlines.Reply);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!seen(JsonLines.Read(_host.EvidencePath!)))
        {
            if (deadline.IsCancellationRequested)
                Assert.Fail($"{what}: not in the log: {File.ReadAllText(_host.EvidencePath!)}");
            await timer.WaitForNextTickAsync(CancellationToken.None);
        }
    }

    private LabHttpsClient Client(X509Certificate2? certificate = null, bool refuseServer = false) =>
        new(_run.Plan.Dut, name => IPAddress.TryParse(name, out var ip) ? ip : _run.Plan.AddressFor(name)!, certificate, refuseServer);

    private string Url(string host, string path) => $"https://{host}:{_run.Plan.HttpsPort}{path}";

    private async Task<HttpsExchange> WaitAsync(string host, string path, long cursor)
    {
        using var deadline = new CancellationTokenSource(Deadlines.Reply);
        return await _host.WaitForRequestAsync(host, path, cursor, deadline.Token);
    }
}
