using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Rigs.Qemu;

namespace IoTopia.Certify.Rigs.Tests.Qemu;

/// <summary>
/// A qemu rig file as read: the shipped Linux board rigs load without building anything, the unit's password comes
/// from the image's file (a secret), and every mistake is named at its line.
/// </summary>
[TestFixture]
public sealed class QemuRigFileTests
{
    private static readonly RigKinds Kinds = new RigKinds().Add(new QemuRigKind());
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("qemu-rig-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var file = Path.Combine(_folder, "board.yaml");
        File.WriteAllText(file, text);
        return file;
    }

    private const string Head = """
        name: board
        kind: qemu
        dut:
          model: LB-1
          mac: 52:54:00:4c:42:01

        """;

    private static string Shipped(string file)
    {
        var folder = TestContext.CurrentContext.TestDirectory;
        while (!File.Exists(Path.Combine(folder, "IoTopia.Certify.sln")))
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("no IoTopia.Certify.sln above the test folder");
        return Path.Combine(folder, "rigs", file);
    }

    [TestCase("linux-board.yaml", "stock")]
    [TestCase("linux-board-hardened.yaml", "hardened")]
    public void TheShippedBoardRigsLoadWithoutBuildingTheBoard(string file, string variant)
    {
        Assume.That(Environment.GetEnvironmentVariable(QemuLayout.ImageVariable), Is.Null, "set only inside a qemu run");
        var rig = RigLoader.Load(Shipped(file), Kinds);
        var settings = (QemuSettings)rig.Drivers!;
        Assert.Multiple(() =>
        {
            Assert.That(settings.Variant, Is.EqualTo(variant));
            Assert.That(settings.ImageFolder, Is.Null, "a build: rig's image is the one its run builds");
            Assert.That(rig.Bindings.SelectMany(b => b.Capabilities).Distinct(),
                Is.EquivalentTo(new[] { "serial", "power", "power.cut", "restore", "capture", "dns", "dhcp", "lab-http", "time" }));
            Assert.That(rig.Bindings.Single(b => b.Name == "power qemu").Resource, Does.Contain($"--variant {variant}"));
            Assert.That(rig.Bindings.Single(b => b.Name == "serial tty").Resource, Does.Contain("unit-<slot>/console/serial-harness"));
            Assert.That(rig.Dut.Facts["mac"], Is.EqualTo("52:54:00:4c:42:01"));
        });
    }

    [Test]
    public void TheUnitsPasswordComesFromTheImagesFileAndIsASecret()
    {
        var image = Directory.CreateDirectory(Path.Combine(_folder, "image")).FullName;
        File.WriteAllText(Path.Combine(image, "unit-password"), "Xq7-per-unit-Zt4\n");
        var rig = RigLoader.Load(Write(Head + """
            drivers:
              board: { image: image, password-file: unit-password }
            """), Kinds);
        Assert.Multiple(() =>
        {
            Assert.That(rig.Dut.Facts["login-password"], Is.EqualTo("Xq7-per-unit-Zt4"));
            Assert.That(rig.Secrets.Select(s => (s.Key, s.Value)), Does.Contain(("dut.login-password", "Xq7-per-unit-Zt4")),
                "masked in the run's record like a password written in the file");
            Assert.That(File.ReadAllText(rig.File), Does.Not.Contain("Xq7"), "the rig file (copied into the run) never holds it");
        });
    }

    [Test]
    public void APasswordWrittenInTheFileWinsOverTheImagesAndAnUnbuiltImageGivesNone()
    {
        var rig = RigLoader.Load(Write(Head.Replace("  mac:", "  login-password: !public lintra\n  mac:", StringComparison.Ordinal) + """
            drivers:
              board: { image: not-built-yet, password-file: unit-password }
            """), Kinds);
        Assert.That(rig.Dut.Facts["login-password"], Is.EqualTo("lintra"));
        var unbuilt = RigLoader.Load(Write(Head + """
            drivers:
              board: { image: not-built-yet, password-file: unit-password }
            """), Kinds);
        Assert.That(unbuilt.Dut.Facts.ContainsKey("login-password"), Is.False, "lint builds nothing: a scenario needing it is skipped, naming dut.login-password");
    }

    [Test]
    public void AShortPasswordInTheImageIsRefusedAtDrivers()
    {
        var image = Directory.CreateDirectory(Path.Combine(_folder, "image")).FullName;
        File.WriteAllText(Path.Combine(image, "unit-password"), "abc\n");
        var e = Assert.Throws<InputException>(() => RigLoader.Load(Write(Head + """
            drivers:
              board: { image: image, password-file: unit-password }
            """), Kinds))!;
        Assert.That(e.Message, Does.Contain("board.yaml:6").And.Contain("dut.login-password").And.Contain("at least 6"));
    }

    [TestCase("  board: { image: a, build: stock }\n", "board.yaml:7", "give one of image:")]
    [TestCase("  board: { build: 'st ock' }\n", "board.yaml:7", "is not a variant name")]
    [TestCase("  board: { build: stock, password-file: ../x }\n", "board.yaml:7", "password-file")]
    [TestCase("  board: { build: stock, memory: 512 }\n", "board.yaml:7", "memory")]
    [TestCase("  board: { build: stock }\n  lab: { services: [dhcp, mud] }\n", "board.yaml:8", "list https too")]
    [TestCase("  board: { build: stock }\n  lab: { services: [dhcp, smtp] }\n", "board.yaml:8", "smtp")]
    [TestCase("  board: { build: stock }\n  serial: { port: /dev/ttyUSB0 }\n", "board.yaml:8", "serial")]
    [TestCase("  lab: { services: [dhcp] }\n", "board.yaml:7", "drivers.board: required")]
    public void AMistakeIsNamedAtItsLine(string drivers, string at, string says)
    {
        var e = Assert.Throws<InputException>(() => RigLoader.Load(Write(Head + "drivers:\n" + drivers), Kinds))!;
        Assert.That(e.Message, Does.Contain(at).And.Contain(says));
    }

    [Test]
    public void TheBoardsMacIsRequired()
    {
        var e = Assert.Throws<InputException>(() => RigLoader.Load(Write(Head.Replace("  mac: 52:54:00:4c:42:01\n", "", StringComparison.Ordinal) + """
            drivers:
              board: { build: stock }
            """), Kinds))!;
        Assert.That(e.Message, Does.Contain("board.yaml:3").And.Contain("dut.mac"));
    }

    [Test]
    public void ARigWithoutDriversIsNamedAtItsFirstLine()
    {
        var e = Assert.Throws<InputException>(() => RigLoader.Load(Write(Head), Kinds))!;
        Assert.That(e.Message, Does.Contain("board.yaml:1").And.Contain("drivers.board"));
    }
}
