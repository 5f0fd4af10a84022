using System.Net;
using System.Security.Cryptography;
using IoTopia.Certify.Mud.Signature;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Lab.Pki;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab;

/// <summary>The lab MUD file server on a real lab HTTPS host: media types, 404 and 405, the request log, the copies in the run.</summary>
[TestFixture]
public sealed class LabMudServerTests
{
    private const int Slot = 220;
    private const string MudUrl = "https://mud.intent.example/rd-1.json";
    private const string SignatureUrl = "https://mud.intent.example/rd-1.p7s";
    private const string UnsignedUrl = "https://nosig.intent.example/rd-2.json";
    private LabTestRun _run = null!;
    private LabHttpsHost _https = null!;
    private LabMudServer _server = null!;
    private LabMudServer _unsigned = null!;
    private string _folder = null!;
    private byte[] _file = null!;
    private byte[] _signature = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _run = await LabTestRun.CreateAsync(Slot);
        _folder = Directory.CreateTempSubdirectory("lab-mud-").FullName;
        using var manufacturer = await _run.Pki.OpenManufacturerAsync(CancellationToken.None);
        using var signer = manufacturer.IssueMudSigner("RD-1 MUD signer");
        _file = TestMud.File(MudUrl, SignatureUrl);
        _signature = MudFileSigner.Sign(_file, signer.Certificate);
        var published = Publication("rd-1", _file, _signature, manufacturer.AnchorPath);
        var unsigned = Publication("rd-2", TestMud.File(UnsignedUrl, "https://nosig.intent.example/rd-2.p7s"), null, manufacturer.AnchorPath);
        _https = new LabHttpsHost();
        _server = new LabMudServer(_https, published);
        _unsigned = new LabMudServer(_https, unsigned);
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        await _https.StartAsync(_run.Lab, deadline.Token);
        await _server.StartAsync(_run.Lab, deadline.Token);
        await _unsigned.StartAsync(_run.Lab, deadline.Token);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _unsigned.DisposeAsync();
        await _server.DisposeAsync();
        await _https.DisposeAsync();
        await _run.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task TheFileIsServedAsMudJsonAtItsOwnUrlOverTlsAndLogged()
    {
        using var client = Client();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(MudUrl)));
        var body = await response.Content.ReadAsByteArrayAsync();
        var line = JsonLines.Read(_server.EvidencePath!).Last(l => l.Text("path") == "/rd-1.json");
        using var chain = new System.Security.Cryptography.X509Certificates.X509Chain { ChainPolicy = _run.Pki.CreateChainPolicy() };
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/mud+json"));
            Assert.That(body, Is.EqualTo(_file), "the exact bytes the manufacturer published");
            Assert.That(client.ServerCertificate!.MatchesHostname("mud.intent.example"), Is.True);
            Assert.That(chain.Build(client.ServerCertificate), Is.True, "the lab's test PKI");
            Assert.That(line.Text("served"), Is.EqualTo("mud-file"));
            Assert.That(line.Text("mediaType"), Is.EqualTo("application/mud+json"));
            Assert.That(line.Text("host"), Is.EqualTo("mud.intent.example"));
            Assert.That(line.Text("client"), Does.StartWith($"{_run.Plan.Probe}:"));
            Assert.That(line.GetProperty("status").GetInt32(), Is.EqualTo(200));
            Assert.That(line.Text("sha256"), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(_file))));
            Assert.That(_server.Requests.Since(0).Any(r => r.Served == "mud-file" && r.Client.Address.Equals(_run.Plan.Probe)), Is.True);
            Assert.That(_server.MudUrl!.ToString(), Is.EqualTo(MudUrl));
            Assert.That(_server.Problems, Is.Empty);
        });
    }

    [Test]
    public async Task TheSignatureIsServedAsPkcs7SignatureAtTheFilesMudSignature()
    {
        using var client = Client();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(SignatureUrl)));
        var line = JsonLines.Read(_server.EvidencePath!).Last(l => l.Text("path") == "/rd-1.p7s");
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pkcs7-signature"));
            Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(_signature));
            Assert.That(line.Text("served"), Is.EqualTo("mud-signature"));
        });
    }

    [Test]
    public async Task OtherPathsOnTheMudHostAre404AndOtherMethods405BothLogged()
    {
        using var client = Client();
        using var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url("https://mud.intent.example/rd-9.json")));
        using var post = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, Url(MudUrl)) { Content = new ByteArrayContent([1, 2]) });
        var lines = JsonLines.Read(_server.EvidencePath!);
        var missingLine = lines.Last(l => l.Text("path") == "/rd-9.json");
        var postLine = lines.Last(l => l.Text("method") == "POST");
        Assert.Multiple(() =>
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "not the lab host's default 200");
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(missingLine.GetProperty("status").GetInt32(), Is.EqualTo(404));
            Assert.That(missingLine.GetProperty("served").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(postLine.GetProperty("status").GetInt32(), Is.EqualTo(405));
        });
    }

    [Test]
    public async Task ASignatureTheFileNamesButNobodyPublishedIs404AndSaidSo()
    {
        using var client = Client();
        using var file = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(UnsignedUrl)));
        using var signature = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url("https://nosig.intent.example/rd-2.p7s")));
        Assert.Multiple(() =>
        {
            Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(signature.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(_unsigned.Problems, Has.One.Contains("no signature was published"));
        });
    }

    [Test]
    public void TheFilesAndTheAnchorAreCopiedIntoTheRun()
    {
        var copies = _server.Copies;
        Assert.Multiple(() =>
        {
            Assert.That(copies.Keys, Is.EquivalentTo(new[] { "mud-file", "signature", "trust-anchor" }));
            Assert.That(File.ReadAllBytes(Path.Combine(_run.Host.Folder.Root, copies["mud-file"])), Is.EqualTo(_file));
            Assert.That(File.ReadAllBytes(Path.Combine(_run.Host.Folder.Root, copies["signature"])), Is.EqualTo(_signature));
            Assert.That(File.ReadAllText(Path.Combine(_run.Host.Folder.Root, copies["trust-anchor"])), Does.Contain("BEGIN CERTIFICATE").And.Not.Contain("PRIVATE"));
            Assert.That(_unsigned.Copies.Keys, Is.EquivalentTo(new[] { "mud-file", "trust-anchor" }));
        });
    }

    [Test]
    public void AMissingFileFailsTheStartNamingIt()
    {
        var missing = Path.Combine(_folder, "no-such.json");
        var server = new LabMudServer(_https, new ManufacturerMud { MudFile = missing, TrustAnchor = missing, Origin = "test" });
        var e = Assert.ThrowsAsync<LabServiceException>(() => server.StartAsync(_run.Lab, CancellationToken.None));
        Assert.That(e!.Message, Does.Contain(missing));
    }

    private ManufacturerMud Publication(string name, byte[] file, byte[]? signature, string anchor)
    {
        var mud = Path.Combine(_folder, name + ".json");
        File.WriteAllBytes(mud, file);
        string? p7s = null;
        if (signature is not null)
            File.WriteAllBytes(p7s = Path.Combine(_folder, name + ".p7s"), signature);
        return new ManufacturerMud { MudFile = mud, Signature = p7s, TrustAnchor = anchor, Origin = $"test publication {name}" };
    }

    private LabHttpsClient Client() => new(_run.Plan.Probe, host => _run.Plan.AddressFor(host)!);

    private string Url(string url)
    {
        var uri = new Uri(url);
        return $"https://{uri.Host}:{_run.Plan.HttpsPort}{uri.AbsolutePath}";
    }
}
