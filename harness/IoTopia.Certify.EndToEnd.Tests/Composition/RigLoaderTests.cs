using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.EndToEnd.Tests.Composition;

[TestFixture]
public sealed class RigLoaderTests
{
    [Test]
    public void UnknownKindCapabilityAndKeyAreNamedWithTheirLine()
    {
        using var temp = new TempFolder();
        var file = temp.Write("rig.yaml", "name: bench\nkind: teleporter\ncapabilities: [serial, x-ray]\npower: {}\n");
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, new RigKinds()))!;
        Assert.That(e.Message, Does.Contain($"{file}:2:1: kind: 'teleporter'")
            .And.Contain($"{file}:3:1: capabilities: 'x-ray'")
            .And.Contain($"{file}:4:1: power: unknown key"));
    }

    [Test]
    public void ACapabilityNoDriverGivesIsAnErrorAtItsPlaceInTheList()
    {
        using var temp = new TempFolder();
        var file = temp.Write("rig.yaml", """
            name: bench
            kind: bench
            capabilities: [serial, power, dns]
            drivers:
              serial: { port: /dev/serial/by-id/usb-FTDI-if00-port0 }
              power: { kind: exec, on: 'true', off: 'true' }
            """);
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, Cli.Composition.RigKinds))!;
        Assert.That(e.Message, Is.EqualTo($"{file}:3:31: capabilities: 'dns': no driver of this bench rig gives it (its drivers give serial, power); configure one under drivers: or leave it out"));
    }

    [Test]
    public void TheCapabilitiesAreThoseOfTheDriversTheKindBuilds()
    {
        using var temp = new TempFolder();
        var file = temp.Write("rig.yaml", """
            name: bench
            kind: bench
            drivers:
              restore: { kind: operator }
              capture: { interface: eth1, dut-address: 192.168.50.2 }
              power: { kind: http, on: 'http://pdu/on', off: 'http://pdu/off' }
            """);
        var rig = RigLoader.Load(file, Cli.Composition.RigKinds);
        var bench = new[] { "power", "restore", "capture" }; // operator is the run's, not the rig file's
        Assert.That(rig.Capabilities, Is.EqualTo(Environment.IsPrivilegedProcess ? bench : bench.Where(c => c != "capture")),
            "in the contract's order; capture only for root (capability-missing otherwise)");
        Assert.That(rig.Bindings.Select(b => $"{b.Name}: {string.Join(",", b.Capabilities)}"),
            Is.EqualTo(new[] { "power http: power", "restore operator: restore", "capture live: capture" }), "built in slot order");

        var virtualRig = RigLoader.Load(System.IO.Path.Combine(RepoRoot.Path, "rigs", "virtual.yaml"), Cli.Composition.RigKinds);
        var expected = new[] { "serial", "power", "power.cut", "restore", "capture", "dns", "dhcp", "lab-http" };
        Assert.That(virtualRig.Capabilities, Is.EqualTo(Environment.IsPrivilegedProcess ? expected : expected.Where(c => c != "capture")),
            "the virtual rig gives capture only to root (capability-missing otherwise)");
        Assert.That(virtualRig.Bindings.SelectMany(b => b.Capabilities).Distinct(), Is.EquivalentTo(expected));
    }

    [Test]
    public void AnInProcessRigHasNoDriversSoNoCapabilities()
    {
        using var temp = new TempFolder();
        var file = temp.Write("rig.yaml", "name: test\nkind: in-process\ncapabilities: [power]\n");
        var e = Assert.Throws<InputException>(() => RigLoader.Load(file, new RigKinds()))!;
        Assert.That(e.Message, Does.Contain($"{file}:3:16: capabilities: 'power': no driver of this in-process rig gives it (its drivers give nothing)"));
    }

    [Test]
    public void MissingFileIsNamed()
    {
        var e = Assert.Throws<InputException>(() => RigLoader.Load("/nonexistent/rig.yaml", new RigKinds()))!;
        Assert.That(e.Message, Does.Contain("/nonexistent/rig.yaml: no such file"));
    }
}
