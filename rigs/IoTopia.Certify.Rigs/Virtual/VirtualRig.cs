using System.Diagnostics;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Processes;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>
/// The virtual rig at run time: the reference device bench (<see cref="ReferenceDeviceRig"/>) on the run's
/// own loopback subnet. It takes an address slot (reaping what a killed run left in it), runs the lab's
/// DNS resolver and DHCP listener on the slot's .1, captures on lo, and starts the device as a plain process.
/// </summary>
public sealed class VirtualRig(RigDescription description, VirtualRigSettings settings) : ReferenceDeviceRig(description, settings)
{
    private SlotLock? _slot;

    protected override async Task<AddressPlan> TakeAddressesAsync(RunContext run, CancellationToken ct)
    {
        _slot = SlotLock.Acquire(run.Folder.Root);
        if (_slot.PreviousRun is { } previous && File.Exists(Path.Combine(previous, "journal.jsonl")))
        {
            // a killed run left this slot without releasing it: its device, socat and services may still hold the addresses
            var reaped = await Reaper.ReapAsync(JournalReader.Read(Path.Combine(previous, "journal.jsonl")).Events, ct);
            run.Journal.Append(new Note { Text = $"slot {_slot.Slot} was left by {previous}; reaped {reaped.Count} of its processes" });
        }
        return new AddressPlan(_slot.Slot, Environment.IsPrivilegedProcess);
    }

    protected override IEnumerable<ILabService> NetworkServices(RunContext run, AddressPlan plan) => [new LabDnsResolver(), new LabDhcpListener()];

    protected override LiveCapture CaptureFor(AddressPlan plan) => new(Settings.CaptureInterface, new CaptureTarget(plan.Dut, plan.Probe));

    protected override ProcessStartInfo DeviceStartInfo(string dll, string configPath)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(configPath);
        return info;
    }

    protected override void ReleaseAddresses()
    {
        _slot?.Dispose();
        _slot = null;
    }
}
