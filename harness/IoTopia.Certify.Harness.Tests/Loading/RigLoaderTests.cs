using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Harness.Tests.Loading;

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
    public void MissingFileIsNamed()
    {
        var e = Assert.Throws<InputException>(() => RigLoader.Load("/nonexistent/rig.yaml", new RigKinds()))!;
        Assert.That(e.Message, Does.Contain("/nonexistent/rig.yaml: no such file"));
    }
}
