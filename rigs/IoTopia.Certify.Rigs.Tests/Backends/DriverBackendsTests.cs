using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Power;

namespace IoTopia.Certify.Rigs.Tests.Backends;

/// <summary>Backends are found by their attribute alone, and each builds a driver that gives a capability.</summary>
[TestFixture]
public sealed class DriverBackendsTests
{
    [Test]
    public void EveryBackendIsFoundBySlotAndKind()
    {
        var backends = DriverBackends.Default;
        Assert.That(backends.All.Select(b => $"{b.Slot} {b.Kind}"), Is.EqualTo(new[]
        {
            "capture live", "power exec", "power http", "power qemu", "power serial-relay", "restore board-disks", "restore command", "restore operator", "serial tty",
        }));
        Assert.That(backends.Find("power", "http")!.Driver, Is.EqualTo(typeof(HttpPower)));
        Assert.That(backends.Find("power", "teleport"), Is.Null);
        foreach (var backend in backends.All)
            Assert.That(ProtocolCapabilities.Of(backend.Driver), Is.Not.Empty, $"{backend.Slot} {backend.Kind} builds a protocol driver");
    }

    [DriverBackend("power", "broken", "a backend that forgot its contract")]
    private sealed class Broken;

    [Test]
    public void AMarkedClassWithoutTheContractIsAProgrammingErrorNamingIt() =>
        Assert.That(() => DriverBackend.Of(typeof(Broken)),
            Throws.InvalidOperationException.With.Message.Contains("Broken is marked [DriverBackend] but does not implement IDriverBackend"));
}
