using System.Diagnostics;
using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Pki;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Rigs.Tests.Lab;

[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TestPkiTests
{
    private const string MudUrl = "https://mud.lab.example/rd-1.json";
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Path.Combine(Directory.CreateTempSubdirectory("test-pki-").FullName, "test-pki");

    [TearDown]
    public void TearDown() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    [Test]
    public async Task TwoConcurrentOpensCreateOneCa()
    {
        using var deadline = new CancellationTokenSource(Deadlines.Step);
        var opens = Enumerable.Range(0, 2).Select(_ => Task.Run(() => TestPki.OpenAsync(_folder, deadline.Token))).ToArray();
        var pkis = await Task.WhenAll(opens);
        var thumbprint = pkis[0].CaCertificate.Thumbprint;
        try
        {
            Assert.Multiple(() =>
            {
                Assert.That(pkis.Count(p => p.CreatedNow), Is.EqualTo(1), "exactly one of them made the CA");
                Assert.That(pkis[0].CaCertificate.Thumbprint, Is.EqualTo(pkis[1].CaCertificate.Thumbprint));
                Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "ca.pem", "ca.key", "ca.lock" }));
            });
        }
        finally
        {
            foreach (var pki in pkis)
                pki.Dispose();
        }
        using var again = await TestPki.OpenAsync(_folder, deadline.Token);
        Assert.That(again.CreatedNow, Is.False);
        Assert.That(again.CaCertificate.Thumbprint, Is.EqualTo(thumbprint), "the CA lives across opens");
    }

    [Test]
    public async Task AHeldLockMakesOpenTimeOutSayingWhy()
    {
        Directory.CreateDirectory(_folder);
        await using var held = new FileStream(Path.Combine(_folder, TestPki.LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var e = Assert.ThrowsAsync<TimeoutException>(() => TestPki.OpenAsync(_folder, CancellationToken.None, TimeSpan.FromMilliseconds(300)));
        Assert.That(e!.Message, Does.Contain("ca.lock"));
    }

    [Test]
    public async Task ACorruptKeyIsReportedNotReplaced()
    {
        using (await TestPki.OpenAsync(_folder, CancellationToken.None))
        {
        }
        File.WriteAllText(Path.Combine(_folder, TestPki.CaKeyFile), "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n");
        var e = Assert.ThrowsAsync<InvalidDataException>(() => TestPki.OpenAsync(_folder, CancellationToken.None));
        Assert.That(e!.Message, Does.Contain("ca.key").And.Contain("delete"));
    }

    [Test]
    public async Task CaIsAnEcdsaP256CaWhosePrivateKeyStaysInItsFolder()
    {
        using var pki = await TestPki.OpenAsync(_folder, CancellationToken.None);
        var ca = pki.CaCertificate;
        Assert.Multiple(() =>
        {
            Assert.That(ca.GetECDsaPublicKey()!.KeySize, Is.EqualTo(256));
            Assert.That(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority, Is.True);
            Assert.That(ca.HasPrivateKey, Is.False, "the exposed CA certificate carries no key");
            Assert.That(pki.PublicFiles(), Is.EqualTo(new[] { Path.Combine(_folder, "ca.pem") }));
            Assert.That(pki.PublicFiles().Select(File.ReadAllText), Has.None.Contain("PRIVATE KEY"));
        });
        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(_folder, "ca.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(_folder) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead), Is.EqualTo(UnixFileMode.None));
        });
    }

    [Test]
    public async Task DeviceCertificateCarriesTheMudUrlAndSignerAndChainsToTheCa()
    {
        using var pki = await TestPki.OpenAsync(_folder, CancellationToken.None);
        using var signer = pki.IssueMudSigner("RD-1 MUD signer");
        using var device = pki.IssueDevice(new DeviceCertificateRequest
        {
            Model = "RD-1",
            SerialNumber = "RD1-0001",
            Address = IPAddress.Parse("127.77.201.2"),
            MudUrl = MudUrl,
            MudSigner = signer.Certificate.SubjectName,
        });
        var cert = device.Certificate;
        var raw = cert.Extensions.Single(e => e.Oid!.Value == "1.3.6.1.5.5.7.1.25");
        var reader = new AsnReader(raw.RawData, AsnEncodingRules.DER);
        Assert.Multiple(() =>
        {
            Assert.That(raw.Critical, Is.False);
            Assert.That(reader.PeekTag(), Is.EqualTo(new Asn1Tag(UniversalTagNumber.IA5String)), "RFC 8520: MUDURLSyntax ::= IA5String");
            Assert.That(reader.ReadCharacterString(UniversalTagNumber.IA5String), Is.EqualTo(MudUrl));
            Assert.That(MudCertificateExtensions.ReadMudSigner(cert, out _)!.Name, Is.EqualTo(signer.Certificate.Subject));
            Assert.That(cert.HasPrivateKey, Is.True);
            Assert.That(cert.Subject, Does.Contain("SERIALNUMBER=RD1-0001").Or.Contain("OID.2.5.4.5=RD1-0001"));
            Assert.That(cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value),
                Is.EquivalentTo(new[] { "1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2" }), "the device serves its web UI and is a TLS client with it");
            Assert.That(Chains(pki, cert), Is.True);
        });
        var signerUsage = signer.Certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.That(signerUsage.KeyUsages, Is.EqualTo(X509KeyUsageFlags.DigitalSignature));
    }

    [Test]
    public async Task ServerCertificateNamesItsHostsAndChains()
    {
        using var pki = await TestPki.OpenAsync(_folder, CancellationToken.None);
        using var server = pki.IssueServer(["telemetry.cloud.example"], [IPAddress.Parse("127.77.201.1")]);
        Assert.Multiple(() =>
        {
            Assert.That(server.Certificate.MatchesHostname("telemetry.cloud.example"), Is.True);
            Assert.That(server.Certificate.MatchesHostname("127.77.201.1"), Is.True);
            Assert.That(server.Certificate.MatchesHostname("other.example"), Is.False);
            Assert.That(Chains(pki, server.Certificate), Is.True);
        });
        Assert.Throws<ArgumentException>(() => pki.IssueServer(["bad name\u0000.example"]));
    }

    [Test]
    public async Task WritePemPutsTheKeyInA0600File()
    {
        using var pki = await TestPki.OpenAsync(_folder, CancellationToken.None);
        using var device = pki.IssueDevice(new DeviceCertificateRequest { Model = "RD-1", SerialNumber = "S1", Address = IPAddress.Parse("127.77.201.2"), MudUrl = MudUrl });
        var rig = Path.Combine(Path.GetDirectoryName(_folder)!, "rig");
        var paths = device.WritePem(rig, "device");
        using var loaded = X509Certificate2.CreateFromPemFile(paths.CertificatePath, paths.KeyPath);
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Thumbprint, Is.EqualTo(device.Certificate.Thumbprint));
            Assert.That(loaded.HasPrivateKey, Is.True);
            Assert.That(File.GetUnixFileMode(paths.KeyPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        });
        Assert.Throws<ArgumentException>(() => device.WritePem(rig, "../escape"));
    }

    [Test]
    public async Task OpensslAgrees()
    {
        var openssl = new[] { "/usr/bin/openssl", "/bin/openssl" }.FirstOrDefault(File.Exists);
        if (openssl is null)
            Assert.Ignore("openssl is not installed: the independent check of the certificates needs it");
        using var pki = await TestPki.OpenAsync(_folder, CancellationToken.None);
        using var device = pki.IssueDevice(new DeviceCertificateRequest { Model = "RD-1", SerialNumber = "S1", Address = IPAddress.Parse("127.77.201.2"), MudUrl = MudUrl });
        var paths = device.WritePem(Path.GetDirectoryName(_folder)!, "device");
        var verify = await RunAsync(openssl!, "verify", "-CAfile", pki.CaCertificatePath, paths.CertificatePath);
        Assert.That(verify, Does.Contain(": OK"));
        var structure = await RunAsync(openssl!, "asn1parse", "-in", paths.CertificatePath);
        var lines = structure.Split('\n');
        var oidLine = Array.FindIndex(lines, l => l.Contains(":1.3.6.1.5.5.7.1.25", StringComparison.Ordinal));
        Assert.That(oidLine, Is.GreaterThanOrEqualTo(0), structure);
        var octets = lines.Skip(oidLine + 1).First(l => l.Contains("OCTET STRING", StringComparison.Ordinal));
        var offset = octets.Split(':')[0].Trim();
        var inner = await RunAsync(openssl!, "asn1parse", "-in", paths.CertificatePath, "-strparse", offset);
        Assert.That(inner, Does.Contain("IA5STRING").And.Contain(MudUrl));
    }

    [Test]
    public async Task TheManufacturerAnchorIsASecondCaWhoseMudSignerDoesNotChainToTheLabCa()
    {
        using var pki = await TestPki.OpenAsync(_folder, CancellationToken.None);
        string thumbprint;
        using (var manufacturer = await pki.OpenManufacturerAsync(CancellationToken.None))
        {
            using var signer = manufacturer.IssueMudSigner("RD-1 MUD signer");
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(manufacturer.Anchor);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            var usage = signer.Certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
            thumbprint = manufacturer.Anchor.Thumbprint;
            Assert.Multiple(() =>
            {
                Assert.That(manufacturer.CreatedNow, Is.True);
                Assert.That(manufacturer.Anchor.Thumbprint, Is.Not.EqualTo(pki.CaCertificate.Thumbprint));
                Assert.That(chain.Build(signer.Certificate), Is.True, "chains to the manufacturer's anchor");
                Assert.That(Chains(pki, signer.Certificate), Is.False, "not to the lab's TLS CA");
                Assert.That(usage.KeyUsages, Is.EqualTo(X509KeyUsageFlags.DigitalSignature));
                Assert.That(File.ReadAllText(manufacturer.AnchorPath), Does.Not.Contain("PRIVATE KEY"));
                Assert.That(File.GetUnixFileMode(Path.Combine(_folder, "manufacturer-ca.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            });
        }
        using var again = await pki.OpenManufacturerAsync(CancellationToken.None);
        Assert.That(again.CreatedNow, Is.False);
        Assert.That(again.Anchor.Thumbprint, Is.EqualTo(thumbprint), "the anchor lives across opens");
    }

    private static bool Chains(TestPki pki, X509Certificate2 cert)
    {
        using var chain = new X509Chain { ChainPolicy = pki.CreateChainPolicy() };
        return chain.Build(cert);
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(Deadlines.Reply);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        return await output + await error;
    }
}
