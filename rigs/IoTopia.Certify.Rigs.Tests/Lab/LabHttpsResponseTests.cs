using System.Net;
using System.Text;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab;

/// <summary>Per-scenario responses of the lab HTTPS host (what <c>lab.https-respond</c> sets): served, logged, gone after reset.</summary>
[TestFixture]
public sealed class LabHttpsResponseTests
{
    private const int Slot = 208;
    private const string Cloud = "telemetry.cloud.example";
    private LabTestRun _run = null!;
    private LabHttpsHost _host = null!;

    [SetUp]
    public async Task StartHostAsync()
    {
        _run = await LabTestRun.CreateAsync(Slot);
        _host = new LabHttpsHost();
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        await _host.StartAsync(_run.Lab, deadline.Token);
    }

    [TearDown]
    public async Task StopHostAsync()
    {
        await _host.DisposeAsync();
        await _run.DisposeAsync();
    }

    [Test]
    public async Task ACannedResponseAnswersItsHostAndPathUntilReset()
    {
        using var client = Client();
        var body = "{\"error\":\"maintenance\"}"u8.ToArray();
        var route = _host.Respond(Cloud, "/telemetry", new LabCannedResponse
        {
            Status = 503,
            Body = body,
            Headers = [new("Retry-After", "30")],
        });
        var cursor = _host.Requests.Count;
        using var configured = await client.SendAsync(Post(Cloud, "/telemetry"));
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url(Cloud, "/telemetry")));
        using var otherPath = await client.SendAsync(Post(Cloud, "/other"));
        using var otherHost = await client.SendAsync(Post("other.cloud.example", "/telemetry"));
        var served = await WaitAsync(Cloud, "/telemetry", cursor);
        Assert.Multiple(async () =>
        {
            Assert.That(route, Is.EqualTo($"scenario {Cloud}/telemetry"));
            Assert.That(configured.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await configured.Content.ReadAsByteArrayAsync(), Is.EqualTo(body));
            Assert.That(configured.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(configured.Headers.GetValues("Retry-After"), Is.EqualTo(new[] { "30" }));
            Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty, "no body to HEAD");
            Assert.That(otherPath.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another path keeps the default");
            Assert.That(otherHost.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another host keeps the default");
            Assert.That((served.Route, served.Status), Is.EqualTo((route, 503)));
        });

        _host.Reset();
        var afterCursor = _host.Requests.Count;
        using var after = await client.SendAsync(Post(Cloud, "/telemetry"));
        var afterServed = await WaitAsync(Cloud, "/telemetry", afterCursor);
        Assert.Multiple(() =>
        {
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((afterServed.Route, afterServed.Status), Is.EqualTo(("default", 200)));
        });

        var lines = JsonLines.Read(_host.EvidencePath!);
        var configure = lines.Single(l => l.Text("event") == "configure");
        var reset = lines.Single(l => l.Text("event") == "reset");
        var requests = lines.Where(l => l.Text("event") == "request" && l.Text("path") == "/telemetry" && l.Text("host") == Cloud).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(configure.Text("route"), Is.EqualTo(route));
            Assert.That(configure.GetProperty("status").GetInt32(), Is.EqualTo(503));
            Assert.That(configure.GetProperty("bodySize").GetInt32(), Is.EqualTo(body.Length));
            Assert.That(configure.Text("bodySha256"), Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))));
            Assert.That(reset.GetProperty("routes").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { route }));
            Assert.That(requests.Select(l => (l.Text("route"), l.GetProperty("status").GetInt32())),
                Is.EqualTo(new[] { (route, 503), (route, 503), ("default", 200) }));
        });
    }

    [Test]
    public async Task AScenarioResponseOverridesAServiceRouteAndTheServiceRouteStaysAfterReset()
    {
        using var client = Client();
        using var service = _host.Map("*", "/firmware/*", (_, response, _) =>
        {
            response.StatusCode = 404;
            return Task.CompletedTask;
        });
        _host.Respond(Cloud, "/firmware/*", new LabCannedResponse { Status = 200, ContentType = "application/octet-stream", Body = Encoding.ASCII.GetBytes("IMAGE") });
        using var overridden = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(Cloud, "/firmware/2.0.0.bin")));
        _host.Reset();
        using var back = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(Cloud, "/firmware/2.0.0.bin")));
        Assert.Multiple(async () =>
        {
            Assert.That(overridden.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await overridden.Content.ReadAsStringAsync(), Is.EqualTo("IMAGE"));
            Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the service's own route again");
        });
    }

    private HttpRequestMessage Post(string host, string path) =>
        new(HttpMethod.Post, Url(host, path)) { Content = new StringContent("{\"seq\":1}", Encoding.UTF8, "application/json") };

    private LabHttpsClient Client() => new(_run.Plan.Dut, name => _run.Plan.AddressFor(name)!);

    private string Url(string host, string path) => $"https://{host}:{_run.Plan.HttpsPort}{path}";

    private async Task<HttpsExchange> WaitAsync(string host, string path, long cursor)
    {
        using var deadline = new CancellationTokenSource(Deadlines.Reply);
        return await _host.WaitForRequestAsync(host, path, cursor, deadline.Token);
    }
}
