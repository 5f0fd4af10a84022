using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Bench;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>
/// <c>kind: qemu</c> — an emulated board (QEMU under TCG) as the device under test: its console a pty pair, its
/// power the QEMU process (off is SIGKILL), its restore the factory disks copied back, its network cable a tap on
/// the lab's bridge in a network namespace the run makes (<see cref="QemuIsolation"/>), with the bench's lab
/// services and capture there. Without root nothing can be made: the run stays here and every scenario is
/// <c>error</c>, saying so.
/// </summary>
public sealed class QemuRigKind : RigKind
{
    public override string Name => "qemu";

    public override object? ReadDrivers(YamlMap? drivers, string rigFile, InputErrors errors)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(rigFile))!;
        if (drivers is null)
        {
            errors.Add(new InputException(new SourceLocation(rigFile, 1, 1), "drivers.board: a qemu rig names its board image (drivers.board.image or drivers.board.build)"));
            return null;
        }
        var board = Bind<QemuBoardSection>(drivers, "board", rigFile, errors);
        var lab = drivers.Has("lab") ? Bind<QemuLabSection>(drivers, "lab", rigFile, errors) : new QemuLabSection();
        drivers.RejectUnknownKeys(errors);
        if (board is null || lab is null)
        {
            if (board is null && !drivers.Has("board"))
                errors.Add(new InputException(drivers.Location, "drivers.board: required (image: a built image folder, or build: a variant of fixtures/linux-board)"));
            return null;
        }
        return new QemuSettings
        {
            ImageFolder = board.Image is { } image
                ? Path.GetFullPath(Path.Combine(folder, image))
                : Environment.GetEnvironmentVariable(QemuLayout.ImageVariable) is { Length: > 0 } built ? built : null,
            Variant = board.Build,
            ToolsFolder = Path.GetFullPath(Path.Combine(folder, board.Tools)),
            PasswordFile = board.PasswordFile,
            Services = lab.Services.ToHashSet(),
            PkiFolder = Path.GetFullPath(Path.Combine(folder, lab.Pki)),
        };
    }

    private static T? Bind<T>(YamlMap drivers, string key, string rigFile, InputErrors errors) where T : class
    {
        try
        {
            if (drivers.Get(key) is not { } node)
                return null;
            return (T)new ArgumentBinder(rigFile, new Dictionary<string, string>(), drivers.LocationOf(key)).Bind(typeof(T), node, $"drivers.{key}");
        }
        catch (InputException e)
        {
            errors.Add(e);
            return null;
        }
    }

    public override IReadOnlyList<DriverBinding> Bindings(object? drivers)
    {
        if (drivers is not QemuSettings settings)
            return [];
        var layout = new QemuLayout(1);
        var mac = System.Net.NetworkInformation.PhysicalAddress.Parse("02-00-00-00-00-01"); // the bindings' text names the slot's, not a MAC
        var board = QemuRigPlan.Drivers(settings, layout, settings.ImageFolder ?? $"the image of {settings.BuildScript} --variant {settings.Variant}", mac)
            .Select(d => d.Binding with { Resource = PerSlot(d.Binding.Resource, layout) });
        var lab = QemuRigPlan.Lab(settings, layout, settings.Services).Bindings(mud: null)
            .Select(b => b with
            {
                Resource = b.Name == BenchLabNetwork.ServiceName("mud")
                    ? "the MUD file, signature and trust anchor the image's board.env names (BOARD_MUD_*)"
                    : $"{PerSlot(b.Resource, layout)} in iotb<slot>-lab",
            });
        return [.. board, .. lab];
    }

    /// <summary>A resource's text with the example slot's folder and subnet written per slot.</summary>
    private static string PerSlot(string text, QemuLayout layout) =>
        text.Replace(layout.UnitFolder, Path.Combine(QemuLayout.SlotFolder, "unit-<slot>"), StringComparison.Ordinal)
            .Replace($"{QemuLayout.Prefix.Item1}.{QemuLayout.Prefix.Item2}.{layout.Slot}.", $"{QemuLayout.Prefix.Item1}.{QemuLayout.Prefix.Item2}.<slot>.", StringComparison.Ordinal);

    public override IEnumerable<string> Problems(RigDescription description)
    {
        BenchMac.Parse(description.Dut.Facts.GetValueOrDefault("mac"), QemuLayout.Tap, out var problem);
        if (problem is not null)
            yield return problem;
    }

    /// <summary>dut.login-password from the image's password file (<c>drivers.board.password-file</c>), once the image is built.</summary>
    public override IReadOnlyDictionary<string, string> ResolvedFacts(object? drivers)
    {
        if (drivers is not QemuSettings { PasswordPath: { } path } || !File.Exists(path))
            return new Dictionary<string, string>();
        return new Dictionary<string, string> { ["login-password"] = File.ReadAllText(path).TrimEnd('\r', '\n') };
    }

    public override RunIsolation? Isolation(RigDescription description)
    {
        if (Environment.GetEnvironmentVariable(QemuLayout.SlotVariable) is not null)
            return null; // already inside: this is the run
        if (!Environment.IsPrivilegedProcess)
            return null; // nothing can be made; the rig's start says why and every scenario is error
        return new QemuIsolation((QemuSettings)description.Drivers!);
    }

    public override RigRuntime Create(RigDescription description)
    {
        var mac = BenchMac.Parse(description.Dut.Facts.GetValueOrDefault("mac"), QemuLayout.Tap, out var problem) ?? throw new InvalidOperationException(problem);
        return new QemuRig(description, QemuRigPlan.For((QemuSettings)description.Drivers!, mac), mac);
    }
}
