using IoTopia.Certify.Harness.Drivers;

namespace IoTopia.Certify.Harness.Tests.Drivers;

/// <summary>The driver registry in process: drivers by protocol, capabilities from [Capability], clear errors, and a step's declared view.</summary>
[TestFixture]
public sealed class DriverRegistryTests
{
    [Capability("power")]
    public interface ITestPower;

    [Capability("power.cut")]
    public interface ITestPowerCut : ITestPower;

    [Capability("serial")]
    public interface ITestConsole;

    private sealed class Relay : ITestPower;

    private sealed class Process : ITestPowerCut;

    private sealed class Console : ITestConsole;

    private sealed class AddressBook;

    [Test]
    public void ADriverIsFoundUnderEveryProtocolItImplementsAndGivesTheirCapabilities()
    {
        var registry = new DriverRegistry("bench-3");
        var process = registry.Add(new Process(), "process power", "pid 42");

        Assert.That(registry.TryGet<ITestPower>(out var power) && ReferenceEquals(power, process), Is.True);
        Assert.That(registry.Get<ITestPowerCut>(), Is.SameAs(process));
        Assert.That(registry.Capabilities, Is.EquivalentTo(new[] { "power", "power.cut" }));
        Assert.That(registry.Bindings.Single().ToString(), Is.EqualTo("process power (pid 42)"));
        Assert.That(registry.TryGet<ITestConsole>(out _), Is.False);
    }

    [Test]
    public void AMissingDriverIsAnErrorNamingTheRigTheProtocolAndItsCapability()
    {
        var registry = new DriverRegistry("bench-3");
        Assert.That(() => registry.Get<ITestConsole>(),
            Throws.InstanceOf<MissingDriverException>().With.Message.EqualTo("rig 'bench-3' has no driver for ITestConsole (capability 'serial')"));
    }

    [Test]
    public void TwoDriversForOneProtocolAndANonDriverAreRefused_ADriverCanBeTakenOut()
    {
        var registry = new DriverRegistry("bench-3");
        var relay = registry.Add(new Relay(), "relay");
        Assert.That(() => registry.Add(new Process(), "process"), Throws.ArgumentException.With.Message.Contains("already has a driver for ITestPower"));
        Assert.That(() => registry.Add(new AddressBook(), "plan"), Throws.ArgumentException.With.Message.Contains("implements no protocol"));

        registry.Remove(relay);
        Assert.That(registry.TryGet<ITestPower>(out _), Is.False);
        Assert.That(registry.Bindings, Is.Empty);
        registry.Add(new Process(), "process");
        Assert.That(registry.Capabilities, Is.EquivalentTo(new[] { "power", "power.cut" }));
    }

    [Test]
    public void AStepReachesOnlyWhatItDeclares()
    {
        var registry = new DriverRegistry("bench-3");
        registry.Add(new Relay(), "relay");
        registry.Add(new Console(), "console");
        var step = new StepDrivers("power.on", new HashSet<Type> { typeof(ITestPower) }, registry);

        Assert.That(step.Get<ITestPower>(), Is.InstanceOf<Relay>());
        Assert.That(() => step.Find<ITestConsole>(),
            Throws.InstanceOf<MissingDriverException>().With.Message.EqualTo("step power.on uses ITestConsole without declaring it ([Needs(typeof(ITestConsole))])"));
    }

    [Test]
    public void ACapabilityOutsideTheContractIsRefused() =>
        Assert.That(() => new CapabilityAttribute("teleport"), Throws.ArgumentException.With.Message.Contains("'teleport' is not a rig capability"));

    [Test]
    public void ResourcesAreNotDrivers()
    {
        var resources = new RigResources();
        Assert.That(resources.Find<AddressBook>(), Is.Null);
        var book = new AddressBook();
        resources.Set(book);
        Assert.That(resources.Get<AddressBook>("bench-3"), Is.SameAs(book));
        Assert.That(() => resources.Get<string>("bench-3"), Throws.InstanceOf<MissingDriverException>().With.Message.EqualTo("rig 'bench-3' has no String"));
    }
}
