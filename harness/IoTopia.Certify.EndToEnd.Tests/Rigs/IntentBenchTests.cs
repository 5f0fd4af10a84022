using System.Text;
using IoTopia.Certify.EndToEnd.Tests.Support;
using IoTopia.Certify.Mud.Signature;
using IoTopia.Certify.Rigs.Lab;

namespace IoTopia.Certify.EndToEnd.Tests.Rigs;

/// <summary>
/// IOT-INT-03 on a bench rig without lab services: the manufacturer's MUD file, signature and anchor come from
/// the rig file (drivers.mud); the verdict says which file was checked, and a missing file fails the start naming it.
/// This bench has no DUT whose MUD URL could be read, so a verifying signature is inconclusive, a bad one a fail.
/// </summary>
[TestFixture]
public sealed class IntentBenchTests
{
    private const string MudUrl = "https://mud.acme.example/cam-200.json";

    /// <summary>
    /// The signature verifies, but this bench has no DUT to read a MUD URL from (no capture, no lab DHCP): the rig's
    /// file cannot be tied to the DUT, so IOT-INT-03 is inconclusive, never pass (the pass, with the DUT's URL read
    /// from its DHCP on the wire: SecondDeviceBenchTests).
    /// </summary>
    [Test]
    public async Task TheRigsManufacturerFilesAreVerifiedAndSaySo()
    {
        using var temp = new TempFolder();
        var rig = await BenchAsync(temp, wrongSigner: false);
        var result = await RunAsync(temp, rig);
        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        var step = run.Attempts("intent.mud-signature")[0]!["steps"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)run.Requirement("IOT-INT-03")["verdict"], Is.EqualTo("inconclusive"));
            Assert.That(run.Reason("intent.mud-signature"), Does.Contain("the signature verifies").And.Contain("the rig's MUD file cannot be tied to the DUT"));
            Assert.That((string?)step["details"]!["checked"], Does.Contain("named by").And.Contain("not fetched: this rig has no lab MUD server"));
            Assert.That(run.Results["runEvidence"]!.AsArray().Select(e => (string)e!["path"]!), Has.Some.EndsWith("-mud-trust-anchor.pem"));
        });
    }

    [Test]
    public async Task ASignerOutsideTheManufacturersAnchorFails()
    {
        using var temp = new TempFolder();
        var rig = await BenchAsync(temp, wrongSigner: true);
        var result = await RunAsync(temp, rig);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var run = new RunFolderReader(temp.Sub("run"));
        Assert.That((string?)run.Requirement("IOT-INT-03")["verdict"], Is.EqualTo("fail"));
        Assert.That(run.Reason("intent.mud-signature"), Does.Contain("does not lead to any of the given trust anchors"));
    }

    [Test]
    public async Task AMissingManufacturerFileFailsTheStartNamingIt()
    {
        using var temp = new TempFolder();
        var rig = await BenchAsync(temp, wrongSigner: false);
        File.Delete(temp.Sub("cam-200.p7s"));
        var result = await RunAsync(temp, rig);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(new RunFolderReader(temp.Sub("run")).Reason("intent.mud-signature"), Does.Contain(temp.Sub("cam-200.p7s")));
    }

    private static Task<ProgramResult> RunAsync(TempFolder temp, string rig) =>
        CertifyProgram.RunAsync(["run", "--rig", rig, "--suite", RepoRoot.Combine("suites", "intent"), "--filter", "IOT-INT-03", "--out", temp.Sub("run")],
            TimeSpan.FromSeconds(90));

    /// <summary>A bench whose power is a no-op, with the manufacturer's files beside its rig file.</summary>
    private static async Task<string> BenchAsync(TempFolder temp, bool wrongSigner)
    {
        using var pki = await TestPki.OpenAsync(temp.Sub("pki"), CancellationToken.None);
        using var manufacturer = await pki.OpenManufacturerAsync(CancellationToken.None);
        using var signer = wrongSigner ? pki.IssueMudSigner("ACME MUD signer") : manufacturer.IssueMudSigner("ACME MUD signer");
        var mud = Encoding.UTF8.GetBytes($$"""
            { "ietf-mud:mud": { "mud-version": 1, "mud-url": "{{MudUrl}}", "last-update": "2026-11-01T00:00:00Z",
                "mud-signature": "https://mud.acme.example/cam-200.p7s", "cache-validity": 48, "is-supported": true, "systeminfo": "ACME Cam 200",
                "from-device-policy": { "access-lists": { "access-list": [ { "name": "fr" } ] } },
                "to-device-policy": { "access-lists": { "access-list": [ { "name": "to" } ] } } },
              "ietf-access-control-list:acls": { "acl": [
                { "name": "fr", "type": "ipv4-acl-type", "aces": { "ace": [ { "name": "cloud", "matches": { "ipv4": { "protocol": 6, "ietf-acldns:dst-dnsname": "api.acme.example" },
                  "tcp": { "destination-port": { "operator": "eq", "port": 443 } } }, "actions": { "forwarding": "accept" } } ] } },
                { "name": "to", "type": "ipv4-acl-type", "aces": { "ace": [ { "name": "cloud-back", "matches": { "ipv4": { "protocol": 6, "ietf-acldns:src-dnsname": "api.acme.example" },
                  "tcp": { "source-port": { "operator": "eq", "port": 443 } } }, "actions": { "forwarding": "accept" } } ] } } ] } }
            """);
        File.WriteAllBytes(temp.Sub("cam-200.json"), mud);
        File.WriteAllBytes(temp.Sub("cam-200.p7s"), MudFileSigner.Sign(mud, signer.Certificate));
        File.Copy(manufacturer.AnchorPath, temp.Sub("acme-mud-ca.pem"));
        return temp.Write("bench.rig.yaml", """
            name: intent-bench
            kind: bench
            capabilities: [power]
            dut:
              model: ACME-CAM-200
              serial: AC200-0007
              firmware: 2.0.4
              mud-url-source: dhcp
            drivers:
              power:
                kind: exec
                on: "true"
                off: "true"
              mud:
                file: cam-200.json
                signature: cam-200.p7s
                trust-anchor: acme-mud-ca.pem
            """);
    }
}
