using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Signature;
using IoTopia.Certify.Mud.Validation;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Pki;
using IoTopia.Certify.Rigs.Tests.Lab.Support;
using IoTopia.Certify.Suites.Intent.Tests.Support;

namespace IoTopia.Certify.Suites.Intent.Tests;

/// <summary>
/// The reference device's publish-mud (its manufacturer's publication), as the virtual rig runs it: the MUD file
/// is valid by our validator and allows exactly what the compliant device does; the signature verifies against
/// the manufacturer's anchor by our verifier and by <c>openssl cms -verify</c>, and both refuse the wrong signer.
/// </summary>
[TestFixture]
public sealed class ManufacturerPublicationTests
{
    private const string MudUrl = "https://mud.reference-device.example/rd-1.json";
    private static readonly string[] CloudNames = ["telemetry.reference-device.example", "backup.reference-device.example"];
    private string _folder = null!;
    private TestPki _pki = null!;
    private ManufacturerAuthority _manufacturer = null!;
    private PemPaths _signer = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        _folder = Directory.CreateTempSubdirectory("mud-publication-").FullName;
        _pki = await TestPki.OpenAsync(Path.Combine(_folder, "pki"), CancellationToken.None);
        _manufacturer = await _pki.OpenManufacturerAsync(CancellationToken.None);
        using var signer = _manufacturer.IssueMudSigner("RD-1 MUD signer");
        _signer = signer.WritePem(_folder, "mud-signer");
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _manufacturer.Dispose();
        _pki.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task TheCompliantFileIsValidAndAllowsExactlyTheTelemetryByNameOnTcp443()
    {
        var output = await PublishAsync("compliant");
        var validation = MudValidator.ValidateFile(Path.Combine(output, "mud.json"));
        var mud = validation.Mud!;
        var from = mud.Policy(Direction.FromDevice).SelectMany(a => a.Aces).ToList();
        var to = mud.Policy(Direction.ToDevice).SelectMany(a => a.Aces).ToList();
        var text = File.ReadAllText(Path.Combine(output, "mud.json"));
        Assert.Multiple(() =>
        {
            Assert.That(validation.IsValid, Is.True, string.Join("\n", validation.Problems));
            Assert.That(validation.WarningCount, Is.Zero, string.Join("\n", validation.Problems));
            Assert.That(mud.MudUrl, Is.EqualTo(MudUrl));
            Assert.That(mud.MudSignature, Is.EqualTo("https://mud.reference-device.example/rd-1.p7s"));
            Assert.That(from.Select(a => a.Matches.Ip?.DestinationDnsName), Is.EqualTo(CloudNames), "one from-device ACE per cloud name, by name");
            Assert.That(to.Select(a => a.Matches.Ip?.SourceDnsName), Is.EqualTo(CloudNames));
            Assert.That(from.Select(a => a.Matches.Ip?.Protocol), Is.All.EqualTo(6));
            Assert.That(from.Select(a => a.Matches.Tcp?.DestinationPort?.Port), Is.All.EqualTo(443));
            Assert.That(to.Select(a => a.Matches.Tcp?.SourcePort?.Port), Is.All.EqualTo(443));
            Assert.That(from.Concat(to).Select(a => a.Action), Is.All.EqualTo(ForwardingAction.Accept));
            Assert.That(text, Does.Not.Contain("tracker.ads.example"));
            Assert.That(ProvisionedUrl(output), Is.EqualTo(MudUrl));
        });
    }

    [Test]
    public async Task TheSignatureVerifiesAgainstTheManufacturerAnchorOnlyByUsAndByOpenssl()
    {
        var output = await PublishAsync("compliant");
        var content = File.ReadAllBytes(Path.Combine(output, "mud.json"));
        var p7s = File.ReadAllBytes(Path.Combine(output, "mud.p7s"));
        var ours = MudSignatureVerifier.Verify(content, p7s, new MudSignatureOptions { TrustAnchors = [_manufacturer.Anchor] });
        var labCa = MudSignatureVerifier.Verify(content, p7s, new MudSignatureOptions { TrustAnchors = [_pki.CaCertificate] });
        Assert.Multiple(() =>
        {
            Assert.That(ours.Valid, Is.True, string.Join("\n", ours.Failures));
            Assert.That(labCa.Valid, Is.False, "the lab's TLS CA is not the manufacturer's anchor");
        });
        var openssl = await OpensslVerifyAsync(output, _manufacturer.AnchorPath);
        Assert.That(openssl.ExitCode, Is.Zero, openssl.ToString());
        Assert.That(openssl.Output, Does.Contain("Verification successful"));
    }

    [Test]
    public async Task TheWrongSignerIsRefusedByUsAndByOpenssl()
    {
        var output = await PublishAsync("mud-wrong-signer");
        var report = MudSignatureVerifier.Verify(File.ReadAllBytes(Path.Combine(output, "mud.json")), File.ReadAllBytes(Path.Combine(output, "mud.p7s")),
            new MudSignatureOptions { TrustAnchors = [_manufacturer.Anchor] });
        Assert.That(report.Valid, Is.False);
        Assert.That(report.Failures, Has.Some.Contains("does not lead to any of the given trust anchors"));
        var openssl = await OpensslVerifyAsync(output, _manufacturer.AnchorPath);
        Assert.That(openssl.ExitCode, Is.Not.Zero, openssl.ToString());
    }

    [Test]
    public async Task UnsignedPublishesNoSignatureAndNamesNone()
    {
        var output = await PublishAsync("mud-unsigned");
        var validation = MudValidator.ValidateFile(Path.Combine(output, "mud.json"));
        Assert.Multiple(() =>
        {
            Assert.That(validation.IsValid, Is.True);
            Assert.That(validation.Mud!.MudSignature, Is.Null);
            Assert.That(File.Exists(Path.Combine(output, "mud.p7s")), Is.False);
        });
    }

    [Test]
    public async Task TheMismatchPersonalityProvisionsAnotherUrlIntoTheCertificate()
    {
        var output = await PublishAsync("mud-url-mismatch");
        Assert.That(ProvisionedUrl(output), Is.EqualTo("https://mud.reference-device.example/rd-1-v2.json"));
        Assert.That(MudValidator.ValidateFile(Path.Combine(output, "mud.json")).Mud!.MudUrl, Is.EqualTo(MudUrl), "the file itself is the DHCP URL's");
    }

    [TestCase("--mud-url", "http://mud.example/x.json", "--mud-url must be an absolute https URL")]
    [TestCase("--personality", "no-such", "unknown personality 'no-such'")]
    [TestCase("--cloud-name", "bad name", "--cloud-name 'bad name' is not a DNS name")]
    public async Task BadArgumentsExit2NamingTheOption(string option, string value, string message)
    {
        var args = Arguments("compliant", Path.Combine(_folder, "bad")).ToList();
        var at = args.IndexOf(option);
        if (at >= 0)
            args[at + 1] = value;
        else
            args.AddRange([option, value]);
        var result = await ExternalProgram.RunAsync("dotnet", [await ReferenceDeviceBuild.EnsureAsync(), .. args]);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Output, Does.Contain(message));
    }

    private async Task<string> PublishAsync(string personality)
    {
        var output = Path.Combine(_folder, personality);
        var result = await ExternalProgram.RunAsync("dotnet", [await ReferenceDeviceBuild.EnsureAsync(), .. Arguments(personality, output)]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return output;
    }

    private string[] Arguments(string personality, string output) =>
    [
        "publish-mud", "--personality", personality, "--model", "RD-1", "--mud-url", MudUrl,
        "--cloud-name", CloudNames[0], "--cloud-name", CloudNames[1], "--cloud-port", "443",
        "--signer-cert", _signer.CertificatePath, "--signer-key", _signer.KeyPath, "--out", output,
    ];

    private static string? ProvisionedUrl(string output)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "provisioning.json")));
        return document.RootElement.GetProperty("certificateMudUrl").GetString();
    }

    private static async Task<ProgramResult> OpensslVerifyAsync(string output, string anchor) =>
        await Openssl.RunAsync(["cms", "-verify", "-binary", "-inform", "DER", "-in", Path.Combine(output, "mud.p7s"),
            "-content", Path.Combine(output, "mud.json"), "-CAfile", anchor, "-purpose", "any", "-out", "/dev/null"]);
}
