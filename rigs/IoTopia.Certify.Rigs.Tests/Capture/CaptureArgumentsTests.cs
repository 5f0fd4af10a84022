using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Capture;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.Rigs.Tests.Capture;

/// <summary>The capture steps' arguments as suites write them, through the harness's argument binder.</summary>
[TestFixture]
public sealed class CaptureArgumentsTests
{
    private static object Bind(Type type, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var binder = new ArgumentBinder("suite.yaml", new Dictionary<string, string>(), new SourceLocation("suite.yaml", 1, 1));
        return binder.Bind(type, stream.Documents[0].RootNode, "capture");
    }

    [Test]
    public void ExpectBindsAFlowSpecWithProtoAndDuration()
    {
        var args = (CaptureExpectStep.Arguments)Bind(typeof(CaptureExpectStep.Arguments),
            "name: boot\nnot-seen: {host: telemetry.example, port: 443, proto: tcp}\nwithin: 30s\n");
        Assert.Multiple(() =>
        {
            Assert.That(args.Name, Is.EqualTo("boot"));
            Assert.That(args.Seen, Is.Null);
            Assert.That(args.NotSeen!.ToString(), Is.EqualTo("tcp telemetry.example port 443"));
            Assert.That(args.Within, Is.EqualTo(TimeSpan.FromSeconds(30)));
        });
    }

    [Test]
    public void StartAndStopTakeTheNameAsTheirShortForm()
    {
        Assert.That(((CaptureStartStep.Arguments)Bind(typeof(CaptureStartStep.Arguments), "boot")).Name, Is.EqualTo("boot"));
        Assert.That(((CaptureStopStep.Arguments)Bind(typeof(CaptureStopStep.Arguments), "boot")).Name, Is.EqualTo("boot"));
        var start = (CaptureStartStep.Arguments)Bind(typeof(CaptureStartStep.Arguments), "filter: udp port 53\n");
        Assert.That((start.Name, start.Filter), Is.EqualTo(("traffic", (string?)"udp port 53")));
    }

    [TestCase("seen: {port: 443}\n", "missing required argument 'host'")]
    [TestCase("seen: {host: a.example, proto: icmp}\n", "expected one of tcp, udp")]
    [TestCase("within: 5s\n", "give exactly one of seen: or not-seen:")]
    [TestCase("seen: {host: a.example}\nnot-seen: {host: b.example}\n", "give exactly one of seen: or not-seen:")]
    public void BadExpectArgumentsAreLoadErrorsNamingTheProblem(string yaml, string message)
    {
        var e = Assert.Throws<InputException>(() => Bind(typeof(CaptureExpectStep.Arguments), yaml));
        Assert.That(e!.Message, Does.Contain(message));
    }
}
