using System.Globalization;
using System.Net.NetworkInformation;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Bench;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Serial;
using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>
/// What the qemu rig is inside its namespace, as a bench: the console on the harness end of the slot's pty pair,
/// power and restore of the board, and the lab network on the bridge with the rig file's services (the image's MUD
/// publication served when its board.env names one). <see cref="Problem"/> says why there is none (no root, not
/// inside the namespace the run makes, no image).
/// </summary>
public sealed record QemuRigPlan(QemuLayout Layout, BenchSettings Bench, BoardImage? Image, string? Problem)
{
    public const int ConsoleBaud = 115200;

    public static QemuRigPlan For(QemuSettings settings, PhysicalAddress mac)
    {
        var slotText = Environment.GetEnvironmentVariable(QemuLayout.SlotVariable);
        var inside = int.TryParse(slotText, NumberStyles.None, CultureInfo.InvariantCulture, out var slot) && slot is >= SlotLock.First and <= SlotLock.Last;
        var layout = new QemuLayout(inside ? slot : SlotLock.First);
        string? problem = null;
        BoardImage? image = null;
        if (!Environment.IsPrivilegedProcess)
            problem = "the qemu rig needs root: it creates a network namespace with a bridge and a tap, runs QEMU, dnsmasq and capture there (run certify as root)";
        else if (!inside)
            problem = $"{QemuLayout.SlotVariable}='{slotText}': the qemu rig runs inside the namespace `certify run` makes for it; leave {QemuLayout.SlotVariable} unset";
        else if (settings.ImageFolder is null)
            problem = $"no board image: {QemuLayout.ImageVariable} is not set (the run's isolation builds drivers.board.build and sets it)";
        else
        {
            try
            {
                image = BoardImage.Open(settings.ImageFolder);
            }
            catch (InvalidOperationException e)
            {
                problem = e.Message;
            }
        }
        var mud = image?.Mud();
        var services = settings.Services.Where(s => s != BenchLabService.Mud || mud is not null).ToHashSet();
        return new QemuRigPlan(layout, new BenchSettings
        {
            Drivers = Drivers(settings, layout, image?.Folder ?? settings.ImageFolder ?? "/nonexistent", mac),
            Lab = Lab(settings, layout, services),
            Mud = mud,
        }, image, problem);
    }

    /// <summary>The lab network on the slot's bridge.</summary>
    public static BenchLabNetwork Lab(QemuSettings settings, QemuLayout layout, IReadOnlySet<BenchLabService> services) => new()
    {
        Interface = QemuLayout.Bridge,
        Layout = layout.Addresses,
        LocalNetworks = [layout.Addresses.Network],
        Services = services,
        DhcpServer = BenchDhcpServer.Dnsmasq,
        PkiFolder = settings.PkiFolder,
    };

    /// <summary>The console, power and restore, configured as a bench's backends, in slot order.</summary>
    public static IReadOnlyList<ConfiguredDriver> Drivers(QemuSettings settings, QemuLayout layout, string image, PhysicalAddress mac)
    {
        var backends = DriverBackends.Default;
        return
        [
            new(backends.Find("serial", TtyConsoleBackend.Kind)!, new TtyConsoleBackend.Options { Port = SocatPair.HarnessEndIn(layout.ConsoleFolder), Baud = ConsoleBaud }),
            new(backends.Find("power", "qemu")!, new QemuPowerOptions
            {
                Boot = settings.BootScript,
                Image = image,
                Unit = layout.UnitFolder,
                Console = SocatPair.DeviceEndIn(layout.ConsoleFolder),
                Tap = QemuLayout.Tap,
                Mac = CaptureTarget.MacText(mac),
                Qmp = layout.QmpSocket,
            }),
            new(backends.Find("restore", "board-disks")!, new QemuDiskRestore.Options { Image = image, Unit = layout.UnitFolder }),
        ];
    }
}
