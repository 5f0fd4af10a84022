using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Bench;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>
/// The qemu rig at run time, inside the namespace <see cref="QemuIsolation"/> made: first the console's socat pty
/// pair (it outlives every power cycle, as a USB-serial cable does; QEMU's serial port opens its other end, so the
/// console log runs from SeaBIOS's first line of every boot), then the bench (<see cref="BenchRig"/>) of
/// <see cref="QemuRigPlan"/>: the lab network on the bridge, the console, QEMU power and disk restore.
/// </summary>
public sealed class QemuRig(RigDescription description, QemuRigPlan plan, PhysicalAddress mac) : BenchRig(description, plan.Bench, mac)
{
    private readonly string _mac = CaptureTarget.MacText(mac);

    public override async Task StartAsync(RunContext run, CancellationToken ct)
    {
        if (plan.Problem is { } problem)
            throw new InvalidOperationException(problem);
        var here = (await IpCommand.RunAsync(["netns", "identify"], null, ct)).Trim();
        if (here != plan.Layout.LabNamespace)
            throw new InvalidOperationException($"{QemuLayout.SlotVariable}={plan.Layout.Slot} but this process is in network namespace '{here}', not {plan.Layout.LabNamespace}");
        Directory.CreateDirectory(plan.Layout.ConsoleFolder);
        await SocatPair.StartAsync(run, plan.Layout.ConsoleFolder, ct);
        if (plan.Bench.Mud is null)
            run.Journal.Append(new Note { Text = $"the board image's board.env ({plan.Image!.Folder}) names no BOARD_MUD_FILE: the manufacturer published no MUD file in it, so the lab MUD server does not run" });
        await base.StartAsync(run, ct);
    }

    protected override JsonObject? RigOptions() => new() { ["slot"] = plan.Layout.Slot };

    protected override JsonObject? Describe(JsonObject? details)
    {
        var all = details ?? [];
        all["namespace"] = plan.Layout.LabNamespace;
        all["bridge"] = QemuLayout.Bridge;
        all["tap"] = QemuLayout.Tap;
        all["dutMac"] = _mac;
        all["image"] = plan.Image?.Folder;
        all["kernel"] = plan.Image?.Env.GetValueOrDefault("BOARD_KERNEL");
        all["variant"] = plan.Image?.Env.GetValueOrDefault("BOARD_VARIANT");
        all["unit"] = plan.Layout.UnitFolder;
        return all;
    }
}
