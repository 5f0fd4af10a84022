using System.Diagnostics;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Power;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>
/// The board's power line: on starts <c>boot IMAGE UNIT --serial tty:… --net tap:… --mac … --qmp …</c> as a run-owned
/// process (journaled, reaped), which execs QEMU; off is SIGKILL of QEMU — a real power cut: what the guest had not
/// written to its raw disks is lost; the state is whether QEMU lives (<see cref="VirtualPower"/>).
/// </summary>
[DriverBackend("power", "qemu", "a QEMU board started by its boot script; off is SIGKILL of QEMU (a power cut)")]
public sealed class QemuPower : IDriverBackend<VirtualPower, QemuPowerOptions>
{
    public static VirtualPower Create(QemuPowerOptions options, BackendContext context) => new(context.Run, () => StartInfo(options));

    public static string Resource(QemuPowerOptions options) => $"{options.Boot} {options.Image} (SIGKILL of QEMU is off)";

    public static ProcessStartInfo StartInfo(QemuPowerOptions options)
    {
        var info = new ProcessStartInfo(options.Boot) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { options.Image, options.Unit, "--serial", $"tty:{options.Console}", "--net", $"tap:{options.Tap}", "--mac", options.Mac })
            info.ArgumentList.Add(a);
        if (options.Qmp is { } qmp)
        {
            info.ArgumentList.Add("--qmp");
            info.ArgumentList.Add(qmp);
        }
        return info;
    }
}
