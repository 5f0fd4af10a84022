using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Mud.Signature;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Tests.Lab.Support;
using IoTopia.Certify.Suites.Intent.Tests.Support;

namespace IoTopia.Certify.Suites.Intent.Tests;

/// <summary>
/// intent.mud-url, intent.mud-file and intent.mud-signature against a real lab (resolver, DHCP listener, HTTPS
/// host, MUD server) with the DUT's side played from its address: each passes on the genuine thing and fails,
/// with its evidence, where a device breaks it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class IntentStepTests
{
    private const int Slot = 221;
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(5);
    private IntentLab _lab = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _lab = await IntentLab.StartAsync(Slot);

    [OneTimeTearDown]
    public async Task StopAsync() => await _lab.DisposeAsync();

    [SetUp]
    public void BeginAttempt() => _lab.BeginAttempt();

    [Test]
    public async Task OneHttpsUrlOnDhcpAndCertificatePasses()
    {
        await _lab.SendInformAsync(IntentLab.MudUrl);
        await _lab.ShowCertificateAsync(IntentLab.MudUrl);
        var step = await _lab.RunAsync("intent.mud-url", UrlArguments([MudUrlSource.Dhcp, MudUrlSource.Certificate]));
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Pass), step.Reason);
        Assert.That(step.Details["distinct"]!.AsArray().Select(n => (string?)n), Is.EqualTo(new[] { IntentLab.MudUrl }));
        Assert.That(step.Details["urls"]!.AsArray().Select(n => (string?)n!["channel"]), Is.EquivalentTo(new[] { "DHCPv4 option 161", "certificate id-pe-mud-url" }));
    }

    [Test]
    public async Task AnHttpUrlOverDhcpFailsWithTheUrlAsEvidence()
    {
        const string http = "http://mud.intent.example/rd-1.json";
        await _lab.SendInformAsync(http);
        var step = await _lab.RunAsync("intent.mud-url", UrlArguments([MudUrlSource.Dhcp]));
        var evidence = JsonNode.Parse(IntentLab.EvidenceText(_lab.Host, step, "mud-urls"))!;
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
            Assert.That(step.Reason, Does.Contain("the URL uses http, not https"));
            Assert.That((string?)evidence["urls"]![0]!["url"], Is.EqualTo(http));
            Assert.That((string?)evidence["urls"]![0]!["via"], Does.StartWith("the lab's DHCP listener (unicast DHCPINFORM): DHCPINFORM from"));
        });
    }

    [Test]
    public async Task DifferentUrlsOnDhcpAndInTheCertificateFail()
    {
        const string other = "https://mud.intent.example/rd-1-v2.json";
        await _lab.SendInformAsync(IntentLab.MudUrl);
        await _lab.ShowCertificateAsync(other);
        var step = await _lab.RunAsync("intent.mud-url", UrlArguments([MudUrlSource.Dhcp, MudUrlSource.Certificate]));
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
            Assert.That(step.Reason, Does.Contain("different MUD URLs").And.Contain(other).And.Contain(IntentLab.MudUrl));
            Assert.That(step.Measurements.Single(m => m.Name == "distinct-mud-urls").Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(step.Evidence.Select(e => e.Path), Has.One.EndsWith("-mud-urls.json"));
        });
    }

    [Test]
    public async Task AnOptionLongerThan255OctetsFails()
    {
        var url = $"https://{IntentLab.MudHost}/{new string('a', 300 - $"https://{IntentLab.MudHost}/".Length)}";
        await _lab.SendInformAsync(url);
        var step = await _lab.RunAsync("intent.mud-url", UrlArguments([MudUrlSource.Dhcp]));
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
            Assert.That(step.Reason, Does.Contain("300 octets"));
            Assert.That(step.Measurements.Single(m => m.Name.StartsWith("mud-url-octets", StringComparison.Ordinal)).Value, Is.EqualTo(300.0));
        });
    }

    [Test]
    public async Task ASilentDutIsInconclusiveNotAFail()
    {
        var step = await _lab.RunAsync("intent.mud-url", new MudUrlStep.Arguments { Within = TimeSpan.FromSeconds(1), WaitFor = [MudUrlSource.Dhcp], Linger = TimeSpan.Zero });
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Inconclusive), step.Reason);
    }

    [Test]
    public async Task TheServedFilePassesAndTheDetailsSayWhichFileWasChecked()
    {
        await _lab.SendInformAsync(IntentLab.MudUrl);
        var step = await _lab.RunAsync("intent.mud-file", new MudFileStep.Arguments { Source = MudUrlSource.Dhcp, Within = Short });
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Pass), step.Reason);
            Assert.That((string?)step.Details["checked"], Does.Contain("served by the lab MUD server").And.Contain("the intent test publication"));
            Assert.That(File.ReadAllBytes(Path.Combine(_lab.Host.Folder.Root, (string)step.Details["fileEvidence"]!)), Is.EqualTo(_lab.PublishedFile));
            Assert.That(step.Evidence.Select(e => e.Path), Has.One.EndsWith("-mud-validation.json"));
        });
    }

    [Test]
    public async Task AFileServedAsJsonNamingAnotherUrlFailsOnBoth()
    {
        const string url = "https://other.intent.example/x.json";
        using var route = _lab.Serve(url, TestMud.File(IntentLab.MudUrl, null), "application/json");
        await _lab.SendInformAsync(url);
        var step = await _lab.RunAsync("intent.mud-file", new MudFileStep.Arguments { Source = MudUrlSource.Dhcp, Within = Short });
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
            Assert.That(step.Reason, Does.Contain("not application/mud+json"));
            Assert.That(step.Reason, Does.Contain($"its mud-url {IntentLab.MudUrl} is not the emitted URL {url}"));
            Assert.That((string?)step.Details["checked"], Does.Contain("not a mud-file of the lab MUD server"));
            Assert.That(step.Evidence.Select(e => e.Path), Has.One.EndsWith("-mud-file.json"));
        });
    }

    [TestCase("https://mud.intent.example/missing.json", "HTTP 404")]
    [TestCase("http://mud.intent.example/rd-1.json", "not https")]
    public async Task AFileThatCannotBeHadFails(string url, string why)
    {
        await _lab.SendInformAsync(url);
        var step = await _lab.RunAsync("intent.mud-file", new MudFileStep.Arguments { Source = MudUrlSource.Dhcp, Within = Short });
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
        Assert.That(step.Reason, Does.Contain(why));
    }

    [Test]
    public async Task TheManufacturersSignaturePassesAndAWaiverIsReported()
    {
        await _lab.SendInformAsync(IntentLab.MudUrl);
        var strict = await _lab.RunAsync("intent.mud-signature", new MudSignatureStep.Arguments { Within = Short });
        var waived = await _lab.RunAsync("intent.mud-signature", new MudSignatureStep.Arguments { Within = Short, IgnoreTime = true });
        Assert.Multiple(() =>
        {
            Assert.That(strict.Verdict, Is.EqualTo(Verdict.Pass), strict.Reason);
            Assert.That((bool?)strict.Details["verification"]!["timeWaived"], Is.False);
            Assert.That(waived.Verdict, Is.EqualTo(Verdict.Pass), waived.Reason);
            Assert.That((bool?)waived.Details["verification"]!["timeWaived"], Is.True);
            Assert.That(waived.Reason, Does.Contain("waived"));
            Assert.That(strict.Evidence.Select(e => Path.GetFileName(e.Path)), Has.Some.EndsWith("-mud-signature.p7s").And.Some.EndsWith("-trust-anchor.pem")
                .And.Some.EndsWith("-signature-report.json").And.Some.EndsWith("-mud-file.json"));
        });
    }

    [Test]
    public async Task ASignatureNobodyServesFails()
    {
        const string url = "https://unsigned.intent.example/u.json";
        using var file = _lab.Serve(url, TestMud.File(url, "https://unsigned.intent.example/u.p7s"), MudMediaTypes.MudFile);
        using var none = _lab.Serve("https://unsigned.intent.example/u.p7s", null, MudMediaTypes.Signature);
        await _lab.SendInformAsync(url);
        var step = await _lab.RunAsync("intent.mud-signature", new MudSignatureStep.Arguments { Within = Short });
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
        Assert.That(step.Reason, Does.Contain("no signature at https://unsigned.intent.example/u.p7s: HTTP 404"));
    }

    [Test]
    public async Task ASignerChainedToTheLabCaNotTheManufacturersFailsWithItsReport()
    {
        const string url = "https://labsigned.intent.example/l.json";
        var content = TestMud.File(url, "https://labsigned.intent.example/l.p7s");
        using var signer = _lab.Pki.IssueMudSigner("not the manufacturer");
        using var file = _lab.Serve(url, content, MudMediaTypes.MudFile);
        using var signature = _lab.Serve("https://labsigned.intent.example/l.p7s", MudFileSigner.Sign(content, signer.Certificate), MudMediaTypes.Signature);
        await _lab.SendInformAsync(url);
        var step = await _lab.RunAsync("intent.mud-signature", new MudSignatureStep.Arguments { Within = Short });
        var report = JsonNode.Parse(IntentLab.EvidenceText(_lab.Host, step, "signature-report"))!;
        Assert.Multiple(() =>
        {
            Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
            Assert.That(step.Reason, Does.Contain("does not lead to any of the given trust anchors"));
            Assert.That((bool?)report["valid"], Is.False);
            Assert.That(report["failures"]!.AsArray().Select(f => (string?)f), Has.Some.Contains("not the manufacturer"));
        });
    }

    [Test]
    public async Task AFileNamingNoSignatureFailsAsUnsigned()
    {
        const string url = "https://nosig.intent.example/n.json";
        using var file = _lab.Serve(url, TestMud.File(url, null), MudMediaTypes.MudFile);
        await _lab.SendInformAsync(url);
        var step = await _lab.RunAsync("intent.mud-signature", new MudSignatureStep.Arguments { Within = Short });
        Assert.That(step.Verdict, Is.EqualTo(Verdict.Fail), step.Reason);
        Assert.That(step.Reason, Does.Contain("names no mud-signature"));
    }

    private static MudUrlStep.Arguments UrlArguments(List<MudUrlSource> waitFor) =>
        new() { Within = Short, WaitFor = waitFor, Linger = TimeSpan.Zero };
}
