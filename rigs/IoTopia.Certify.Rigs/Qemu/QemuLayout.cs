using System.Globalization;
using IoTopia.Certify.Rigs.Addressing;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>
/// The qemu rig's place for one slot N: the network namespace <c>iotbN-lab</c> (the harness, lab services,
/// capture and QEMU), its bridge <c>lab0</c> (the lab side: its addresses, capture) with a port that keeps
/// the bridge's carrier up (one end of a veth pair) while the board is off, and the persistent tap <c>tap0</c> (the board's network
/// cable) enslaved to it, on 10.78.N.0/24 (.1 lab, .2 the board, .3 probes, .10–.99 names). No default
/// route. The unit's disks, console links and QMP socket live in a per-slot folder.
/// </summary>
public sealed record QemuLayout(int Slot)
{
    public const string SlotVariable = "CERTIFY_QEMU_SLOT";

    /// <summary>The image folder the isolation built (<c>drivers.board.build</c>), for the run inside.</summary>
    public const string ImageVariable = "CERTIFY_QEMU_IMAGE";

    public const string Bridge = "lab0";
    public const string CarrierPort = "lab0-carrier";
    public const string CarrierStub = "lab0-stub";
    public const string Tap = "tap0";

    /// <summary>The first two octets of the qemu rig's subnets: they exist only inside the namespaces it creates.</summary>
    public static readonly (byte, byte) Prefix = (10, 78);

    public static string SlotFolder => Path.Combine(Path.GetTempPath(), "iotopia-certify-qemu-slots");

    public string LabNamespace => $"iotb{Slot}-lab";

    public AddressPlan Plan => new(Prefix, Slot, privilegedPorts: true);

    public AddressLayout Addresses => AddressLayout.OfSlot(Prefix, Slot);

    /// <summary>The unit's state: its four disks, the console's pty links, the QMP socket.</summary>
    public string UnitFolder => Path.Combine(SlotFolder, $"unit-{Slot}");

    public string ConsoleFolder => Path.Combine(UnitFolder, "console");

    public string QmpSocket => Path.Combine(UnitFolder, "qmp.sock");

    public string SlotText => Slot.ToString(CultureInfo.InvariantCulture);
}
