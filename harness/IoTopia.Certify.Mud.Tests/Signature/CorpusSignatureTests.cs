using IoTopia.Certify.Mud.Signature;
using IoTopia.Certify.Mud.Tests.Support;

namespace IoTopia.Certify.Mud.Tests.Signature;

/// <summary>The corpus's real signature (Cisco MUD-Manager luminaire): its CA expired in July 2019.</summary>
public class CorpusSignatureTests
{
    [Test]
    public void LuminaireFailsOnTimeValidity()
    {
        var report = Verify(TimeCheck.Now());
        Assert.Multiple(() =>
        {
            Assert.That(report.Valid, Is.False);
            Assert.That(report.Failures.Single(), Does.StartWith("time validity: O=Demo Luminaire Manufacturer").And.Contain("2019-07-12"));
            Assert.That(report.Signer, Is.EqualTo("CN=luminaire.example.com, O=Demo Luminaire Manufacturer"));
        });
    }

    [Test]
    public void LuminairePassesWithTheWaiverReportedAsWaived()
    {
        var report = Verify(TimeCheck.Waived());
        Assert.Multiple(() =>
        {
            Assert.That(report.Valid, Is.True, string.Join("\n", report.Failures));
            Assert.That(report.TimeWaived, Is.True);
            Assert.That(report.TimeValidity, Does.StartWith("waived").And.Contain("without the waiver it fails").And.Contain("2019-07-12"));
        });
    }

    [Test]
    public void LuminairePassesAsOfATimeInsideTheCaValidity()
    {
        var report = Verify(TimeCheck.AsOf(new DateTimeOffset(2018, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Multiple(() =>
        {
            Assert.That(report.Valid, Is.True, string.Join("\n", report.Failures));
            Assert.That(report.TimeWaived, Is.False);
        });
    }

    private static MudSignatureReport Verify(TimeCheck time) => MudSignatureVerifier.Verify(
        File.ReadAllBytes(Corpus.File("cisco-example-luminaire-150.json")),
        File.ReadAllBytes(Corpus.File("cisco-example-luminaire-150.p7s")),
        new MudSignatureOptions { TrustAnchors = TrustAnchorLoader.LoadFile(Corpus.File("cisco-example-luminaire-150-signer-cacert.pem")), Time = time });
}
