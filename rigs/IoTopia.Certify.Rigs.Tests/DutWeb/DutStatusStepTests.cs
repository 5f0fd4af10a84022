using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.DutWeb;
using IoTopia.Certify.Rigs.Lab.Pki;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.DutWeb;

/// <summary>
/// <c>dut.status</c> against a real TLS server on the DUT's address, asked from the probe address: it passes on the
/// field it was told to expect and fails, with the response kept as evidence, on anything else.
/// </summary>
[TestFixture]
public sealed class DutStatusStepTests
{
    private const int Slot = 232;
    private const string Status = """{"model":"RD-1","firmware":"1.2.3","uptime":5}""";
    private LabTestRun _run = null!;
    private LabTestRig _rig = null!;
    private IssuedCredential _certificate = null!;

    [SetUp]
    public async Task SetUp()
    {
        _run = await LabTestRun.CreateAsync(Slot, (plan, pki) => _rig = new LabTestRig(plan, [pki.CaCertificate]));
        _certificate = _run.Pki.IssueServer([], [_run.Plan.Dut]);
    }

    [TearDown]
    public async Task TearDown()
    {
        _certificate.Dispose();
        await _run.DisposeAsync();
    }

    private async Task<(StepRecord Step, HttpsStatusServer Server)> AskAsync(int status, byte[] body, DutStatusStep.Arguments args,
        X509Certificate2? certificate = null, bool plain = false)
    {
        var server = new HttpsStatusServer(_run.Plan.Dut, plain ? null : certificate ?? _certificate.Certificate, status, body);
        _rig.WebPort = server.Port;
        try
        {
            return (await _run.Host.RunStepAsync("dut.status", args, Deadlines.Step), server);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private Task<(StepRecord Step, HttpsStatusServer Server)> AskAsync(int status, string body, DutStatusStep.Arguments args) =>
        AskAsync(status, Encoding.UTF8.GetBytes(body), args);

    /// <summary>A rig whose <c>dut.web-scheme</c> is http: the status page is asked over plain HTTP on whatever port the server took.</summary>
    private Task<(StepRecord Step, HttpsStatusServer Server)> AskPlainAsync(int status, string body, DutStatusStep.Arguments args)
    {
        _rig.WebScheme = "http";
        return AskAsync(status, Encoding.UTF8.GetBytes(body), args, plain: true);
    }

    private byte[] EvidenceOf(StepRecord step)
    {
        var evidence = step.Evidence.Single();
        Assert.That((evidence.Kind, evidence.MediaType), Is.EqualTo(("http-response", "application/json")));
        return File.ReadAllBytes(Path.Combine(_run.Host.Folder.Root, evidence.Path));
    }

    [Test]
    public async Task TheExpectedFieldPassesAndTheDocumentIsKept()
    {
        var (step, server) = await AskAsync(200, Status, new DutStatusStep.Arguments { Pointer = "/firmware", Expect = "1.2.3" });
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Pass), step.Reason);
            Assert.That(step.Observed, Is.EqualTo("1.2.3"));
            Assert.That(step.Measurements.Single().Verdict, Is.EqualTo(Verdict.Pass));
            Assert.That((int?)step.Details["status"], Is.EqualTo(200));
            Assert.That(Encoding.UTF8.GetString(EvidenceOf(step)), Is.EqualTo(Status));
            var request = server.Requests.Single();
            Assert.That(request.From.Address, Is.EqualTo(_run.Plan.Probe), "asked from the harness's probe address");
            Assert.That(request.RequestLine, Is.EqualTo("GET /api/status HTTP/1.1"));
        });
    }

    [Test]
    public async Task WithoutAPointerAnyJsonDocumentPasses()
    {
        var (step, _) = await AskAsync(200, Status, new DutStatusStep.Arguments());
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Pass), step.Reason);
        Assert.That(step.Reason, Does.Contain("answered with JSON"));
    }

    [Test]
    public async Task AnotherValueFailsWithWhatWasSeen()
    {
        var (step, _) = await AskAsync(200, Status, new DutStatusStep.Arguments { Pointer = "/firmware", Expect = "2.0.0" });
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(step.Measurements.Single().Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That((step.Expected, step.Observed), Is.EqualTo(("2.0.0", "1.2.3")));
            Assert.That(step.Reason, Does.Contain("/firmware"));
            Assert.That(Encoding.UTF8.GetString(EvidenceOf(step)), Is.EqualTo(Status));
        });
    }

    [Test]
    public async Task AMissingFieldFails()
    {
        var (step, _) = await AskAsync(200, Status, new DutStatusStep.Arguments { Pointer = "/serial", Expect = "x" });
        Assert.That((step.Verdict, step.Observed), Is.EqualTo((Verdict.Fail, "absent")));
        Assert.That(step.Reason, Does.Contain("has no /serial"));
        Assert.That(EvidenceOf(step), Is.Not.Empty);
    }

    [Test]
    public async Task AnErrorStatusFailsAndItsBodyIsKept()
    {
        var (step, _) = await AskAsync(500, """{"error":"busy"}""", new DutStatusStep.Arguments { Pointer = "/firmware" });
        Assert.That((step.Verdict, step.Expected, step.Observed), Is.EqualTo((Verdict.Fail, "200", "500")));
        Assert.That(step.Reason, Does.Contain("answered 500"));
        Assert.That(Encoding.UTF8.GetString(EvidenceOf(step)), Is.EqualTo("""{"error":"busy"}"""));
    }

    [Test]
    public async Task ADocumentThatIsNotJsonIsTheDevicesFailNotAnError()
    {
        var (step, _) = await AskAsync(200, "<html>status</html>", new DutStatusStep.Arguments { Pointer = "/firmware" });
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(step.Reason, Does.Contain("cannot be understood").And.Contain("not JSON"));
        Assert.That(Encoding.UTF8.GetString(EvidenceOf(step)), Is.EqualTo("<html>status</html>"));
    }

    [Test]
    public async Task AnOversizedDocumentFailsAndOnlyTheLimitIsKept()
    {
        var body = new byte[ProbeHttpClient.MaxResponseBytes + 1];
        Array.Fill(body, (byte)' ');
        var (step, _) = await AskAsync(200, body, new DutStatusStep.Arguments());
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(step.Reason, Does.Contain("exceeds"));
        Assert.That(EvidenceOf(step), Has.Length.EqualTo(ProbeHttpClient.MaxResponseBytes));
    }

    [Test]
    public async Task ACertificateOutsideTheRigsTrustRootsIsNeverRead()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=impostor", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(_run.Plan.Dut);
        request.CertificateExtensions.Add(san.Build());
        using var impostor = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var (step, server) = await AskAsync(200, Encoding.UTF8.GetBytes(Status),
            new DutStatusStep.Arguments { Pointer = "/firmware", Expect = "1.2.3", Within = TimeSpan.FromSeconds(1) }, impostor);
        Assert.Multiple(() =>
        {
            Assert.That((step.Verdict, step.Observed), Is.EqualTo((Verdict.Fail, "no answer")));
            Assert.That(step.Reason, Does.Contain("did not answer within 1s"));
            Assert.That(step.Evidence, Is.Empty);
            Assert.That(server.Requests, Is.Empty, "nothing was sent over a connection the harness does not trust");
        });
    }

    [Test]
    public async Task NothingListeningFailsAtTheDeadline()
    {
        var listener = new System.Net.Sockets.TcpListener(_run.Plan.Dut, 0);
        listener.Start();
        _rig.WebPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a port that was just free, now closed
        var step = await _run.Host.RunStepAsync("dut.status", new DutStatusStep.Arguments { Within = TimeSpan.FromSeconds(1) }, Deadlines.Step);
        Assert.That((step.Verdict, step.Expected, step.Observed), Is.EqualTo((Verdict.Fail, "a JSON status document", "no answer")));
        Assert.That(step.Evidence, Is.Empty);
    }

    [Test]
    public async Task PlainHttpOnAnotherPortPassesAndSaysItIsPlain()
    {
        var (step, server) = await AskPlainAsync(200, Status, new DutStatusStep.Arguments { Path = "/status", Pointer = "/firmware", Expect = "1.2.3" });
        var evidence = step.Evidence.Single();
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Pass), step.Reason);
            Assert.That(_rig.WebPort, Is.Not.EqualTo(443).And.Not.EqualTo(80), "the server's own port");
            Assert.That((string?)step.Details["url"], Is.EqualTo($"http://{_run.Plan.Dut}:{_rig.WebPort}/status"));
            Assert.That((string?)step.Details["transport"], Does.StartWith("plain http: no TLS"));
            Assert.That(step.Reason, Does.Contain("over plain http: no TLS"));
            Assert.That(evidence.Kind, Is.EqualTo("plain-http-response"));
            Assert.That(evidence.Path, Does.EndWith("-dut.status-plain-http.json"));
            Assert.That(File.ReadAllText(Path.Combine(_run.Host.Folder.Root, evidence.Path)), Is.EqualTo(Status));
            Assert.That(server.Requests.Single().From.Address, Is.EqualTo(_run.Plan.Probe), "asked from the harness's probe address");
            Assert.That(server.Requests.Single().RequestLine, Is.EqualTo("GET /status HTTP/1.1"));
        });
    }

    [Test]
    public async Task PlainHttpWithAnotherVersionFails()
    {
        var (step, _) = await AskPlainAsync(200, Status, new DutStatusStep.Arguments { Path = "/status", Pointer = "/firmware", Expect = "3.1.4" });
        Assert.That((step.Verdict, step.Expected, step.Observed), Is.EqualTo((Verdict.Fail, "3.1.4", "1.2.3")));
    }

    [Test]
    public async Task PlainHttpAnswering500Fails()
    {
        var (step, _) = await AskPlainAsync(500, """{"error":"busy"}""", new DutStatusStep.Arguments { Path = "/status", Pointer = "/firmware" });
        Assert.That((step.Verdict, step.Observed), Is.EqualTo((Verdict.Fail, "500")));
        Assert.That(step.Reason, Does.StartWith($"http://{_run.Plan.Dut}:").And.Contain("answered 500"));
    }

    [Test]
    public async Task HttpsWithoutTrustRootsIsTheLabsErrorNotAPass()
    {
        _rig.WebTrustRoots = [];
        var (step, server) = await AskAsync(200, Status, new DutStatusStep.Arguments { Pointer = "/firmware", Expect = "1.2.3" });
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(step.Reason, Does.Contain("gives no roots the DUT's https certificate could chain to"));
        Assert.That(server.Requests, Is.Empty);
    }
}
