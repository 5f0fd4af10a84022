using System.Net;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Rigs.Bench;
using IoTopia.Certify.Rigs.DutWeb;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Bench;

/// <summary>
/// <c>dut.web-scheme</c> and <c>dut.web-port</c>: how a bench's DUT serves its status page, checked at their line; a
/// bench without a lab network still gives the DUT's address (its capture's) so <c>dut.status</c> can ask it.
/// </summary>
[TestFixture]
public sealed class BenchDutWebTests
{
    private static readonly RigKinds Kinds = new RigKinds().Add(new BenchRigKind());
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("bench-dut-web-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private string Rig(string web) => Write($"""
        name: web-bench
        kind: bench
        dut:
          model: NT-2
        {web}
        drivers:
          capture: {"{"} kind: live, interface: lo, dut-address: 127.88.0.2 {"}"}
        """);

    private string Write(string text)
    {
        var file = Path.Combine(_folder, "bench.yaml");
        File.WriteAllText(file, text);
        return file;
    }

    [TestCase("  web-scheme: ftp", "bench.yaml:5", "dut.web-scheme: 'ftp' is not http or https")]
    [TestCase("  web-scheme: HTTP", "bench.yaml:5", "dut.web-scheme: 'HTTP' is not http or https")]
    [TestCase("  web-port: 0", "bench.yaml:5", "dut.web-port: '0' is not a port number (1-65535)")]
    [TestCase("  web-port: 70000", "bench.yaml:5", "dut.web-port: '70000' is not a port number")]
    [TestCase("  web-port: 80a", "bench.yaml:5", "dut.web-port: '80a' is not a port number")]
    public void ABadValueIsAnErrorAtItsLine(string line, string at, string message)
    {
        var error = Assert.Throws<InputException>(() => RigLoader.Load(Rig(line), Kinds))!;
        Assert.That(error.Message, Does.Contain(at).And.Contain(message));
    }

    [TestCase("", "https", 443)]
    [TestCase("  web-scheme: http", "http", 80)]
    [TestCase("  web-scheme: http\n  web-port: 8080", "http", 8080)]
    [TestCase("  web-port: 8443", "https", 8443)]
    public void TheDefaultsFollowTheScheme(string lines, string scheme, int port)
    {
        var rig = RigLoader.Load(Rig(lines), Kinds);
        Assert.That(DutWebFacts.Of(rig.Dut), Is.EqualTo(new DutWebFacts(scheme, port)));
    }

    [Test]
    public async Task ABenchWithoutALabNetworkGivesTheDutsAddressFromItsCapture()
    {
        var rig = Kinds.Create(RigLoader.Load(Rig("  web-scheme: http\n  web-port: 8080"), Kinds));
        await using var host = StepHost.Create(rig, RigSteps.Registry);
        await rig.StartAsync(host.Run, CancellationToken.None);
        try
        {
            var network = rig.Resources.Find<IDutNetwork>();
            Assert.That(network, Is.Not.Null);
            Assert.That((network!.DutAddress, network.WebScheme, network.WebPort), Is.EqualTo((IPAddress.Parse("127.88.0.2"), "http", 8080)));
        }
        finally
        {
            await rig.DisposeAsync();
        }
    }
}
