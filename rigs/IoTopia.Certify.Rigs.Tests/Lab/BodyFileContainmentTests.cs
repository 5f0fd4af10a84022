using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Lab.Steps;

namespace IoTopia.Certify.Rigs.Tests.Lab;

/// <summary>
/// A suite cannot make the lab serve a host file to the device: <c>lab.https-respond body-file:</c> must name a
/// file beside the suite (or the rig), checked by lint at file:line — a host path, a climb out of the folder and
/// a link beside the suite that points out of it are all refused.
/// </summary>
[TestFixture]
public sealed class BodyFileContainmentTests
{
    private static readonly StepRegistry Steps = new(typeof(HttpsRespondStep).Assembly);

    private static string Suite(string bodyFile) => $$"""
        scenarios:
          - id: a
            title: t
            requirements: [IOT-INT-01]
            needs: [lab-http]
            steps:
              - lab.https-respond: { host: cloud.example, path: /firmware.bin, body-file: "{{bodyFile}}" }
        """;

    [TestCase("/etc/shadow")]
    [TestCase("../../../etc/passwd")]
    [TestCase("/dev/zero")]
    public void AHostFileIsRefusedAtItsLine(string bodyFile)
    {
        using var temp = new TempFolder();
        var file = temp.Write("suite.yaml", Suite(bodyFile));
        var e = Assert.Throws<InputException>(() => new SuiteLoader(Steps).Load([file], new Dictionary<string, string>()))!;
        Assert.That(e.Message, Does.Contain($"{file}:7:").And.Contain("outside the suite's folder"));
    }

    [Test]
    public void ALinkBesideTheSuiteToADeviceIsRefused()
    {
        using var temp = new TempFolder();
        File.CreateSymbolicLink(temp.Sub("image.bin"), "/dev/zero");
        var file = temp.Write("suite.yaml", Suite("image.bin"));
        var e = Assert.Throws<InputException>(() => new SuiteLoader(Steps).Load([file], new Dictionary<string, string>()))!;
        Assert.That(e.Message, Does.Contain($"{file}:7:").And.Contain("outside the suite's folder"));
    }

    [Test]
    public void AFileBesideTheSuiteIsServed()
    {
        using var temp = new TempFolder();
        temp.Write("image.bin", "firmware");
        var file = temp.Write("suite.yaml", Suite("image.bin"));
        var suite = new SuiteLoader(Steps).Load([file], new Dictionary<string, string>());
        var arguments = (HttpsRespondStep.Arguments)suite.Scenarios[0].Steps[0].Arguments;
        Assert.That(arguments.BodyFile, Is.EqualTo(temp.Sub("image.bin")), "the control: a file beside the suite loads, resolved against its folder");
    }
}
