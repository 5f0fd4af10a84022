using IoTopia.Certify.Rigs.Bench;
using IoTopia.Certify.Rigs.Qemu;

namespace IoTopia.Certify.Rigs.Tests.Qemu;

/// <summary>A slot's namespace, links and addresses; the image's facts and MUD publication from its board.env.</summary>
[TestFixture]
public sealed class QemuLayoutTests
{
    [Test]
    public void ASlotHasItsNamespaceBridgeTapAndSubnet()
    {
        var layout = new QemuLayout(7);
        var plan = layout.Plan;
        Assert.Multiple(() =>
        {
            Assert.That(layout.LabNamespace, Is.EqualTo("iotb7-lab"));
            Assert.That((QemuLayout.Bridge, QemuLayout.Tap), Is.EqualTo(("lab0", "tap0")));
            Assert.That(plan.Subnet, Is.EqualTo("10.78.7.0/24"));
            Assert.That((plan.Lab.ToString(), plan.Dut.ToString(), plan.Probe.ToString()), Is.EqualTo(("10.78.7.1", "10.78.7.2", "10.78.7.3")));
            Assert.That(plan.NameAddresses.Select(a => a.ToString()).ToList(), Has.Count.EqualTo(90).And.Contains("10.78.7.10").And.Contains("10.78.7.99"));
            Assert.That(layout.UnitFolder, Does.EndWith("unit-7"));
        });
    }

    [Test]
    public void BoardEnvIsReadAsTheBuildWritesIt()
    {
        var env = BoardImage.ParseEnv([
            "BOARD_VARIANT=hardened",
            "BOARD_LOGIN_PROMPT='lb-1 login: '",
            "BOARD_QUOTE='it'\\''s'",
            "# a comment",
            "not an assignment",
            "BAD-KEY=x",
        ]);
        Assert.That(env, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["BOARD_VARIANT"] = "hardened",
            ["BOARD_LOGIN_PROMPT"] = "lb-1 login: ",
            ["BOARD_QUOTE"] = "it's",
        }));
    }

    [Test]
    public void TheImagesMudPublicationIsTakenFromBoardEnvWhenItNamesOne()
    {
        var folder = Directory.CreateTempSubdirectory("qemu-image-").FullName;
        try
        {
            foreach (var file in new[] { "vmlinuz", "initramfs.cpio.gz" }.Concat(BoardImage.Disks))
                File.WriteAllText(Path.Combine(folder, file), "");
            Assert.That(BoardImage.Open(folder).Mud(), Is.Null, "no board.env: no MUD publication");
            File.WriteAllLines(Path.Combine(folder, "board.env"), ["BOARD_MUD_FILE=mud/lb-1.json", "BOARD_MUD_SIGNATURE=mud/lb-1.p7s", "BOARD_MUD_TRUST_ANCHOR=mud/ca.pem"]);
            var mud = BoardImage.Open(folder).Mud()!;
            Assert.That((mud.MudFile, mud.Signature, mud.TrustAnchor),
                Is.EqualTo((Path.Combine(folder, "mud/lb-1.json"), Path.Combine(folder, "mud/lb-1.p7s"), Path.Combine(folder, "mud/ca.pem"))));
            File.Delete(Path.Combine(folder, "data.img"));
            Assert.That(() => BoardImage.Open(folder), Throws.InvalidOperationException.With.Message.Contain("data.img"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void WithoutItsMudFileTheLabRunsNoMudServer()
    {
        var settings = new QemuSettings
        {
            ImageFolder = "/nonexistent",
            ToolsFolder = "/tools",
            PkiFolder = "/pki",
            Services = new HashSet<BenchLabService> { BenchLabService.Dhcp, BenchLabService.Dns, BenchLabService.Https, BenchLabService.Mud },
        };
        var plan = QemuRigPlan.For(settings, System.Net.NetworkInformation.PhysicalAddress.Parse("52-54-00-4C-42-01"));
        Assert.Multiple(() =>
        {
            Assert.That(plan.Problem, Is.Not.Null, "outside the run's namespace (or without root, or without the image) the rig cannot start, and says why");
            Assert.That(plan.Bench.Lab!.Services, Does.Not.Contain(BenchLabService.Mud));
            Assert.That(plan.Bench.Lab!.Interface, Is.EqualTo("lab0"));
        });
    }
}
