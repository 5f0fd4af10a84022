using System.Globalization;
using System.Net.NetworkInformation;
using IoTopia.Certify.Rigs.Addressing;

namespace IoTopia.Certify.Rigs.Netns;

/// <summary>
/// The netns rig's network for one slot N: namespaces <c>iotcN-lab</c> (the harness, lab services,
/// capture) and <c>iotcN-dut</c> (the device), joined by the veth pair <c>lab0</c> ↔ <c>dut0</c> with
/// fixed, locally administered MACs, on 10.77.N.0/24 (<see cref="AddressPlan"/>). Neither namespace has
/// a default route: nothing in them can reach beyond the pair.
/// </summary>
public sealed record NetnsLayout(int Slot, PhysicalAddress DutMac)
{
    public const string SlotVariable = "CERTIFY_NETNS";
    public const string LabInterface = "lab0";
    public const string DutInterface = "dut0";

    public string LabNamespace => $"iotc{Slot}-lab";
    public string DutNamespace => $"iotc{Slot}-dut";

    /// <summary>02:10:77:00:&lt;N&gt;:01 — locally administered, unicast, one per slot.</summary>
    public PhysicalAddress LabMac => new([0x02, 0x10, 0x77, 0x00, (byte)Slot, 0x01]);

    public AddressPlan Plan => new(AddressPlan.NamespacePrefix, Slot, privilegedPorts: true);

    public static string Text(PhysicalAddress mac) =>
        string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>The DUT's MAC from the rig file (<c>dut.mac</c>): six bytes, unicast and locally administered, or why not.</summary>
    public static PhysicalAddress? ParseMac(string? text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "dut.mac: the netns rig gives the DUT's veth a fixed MAC: name it (e.g. 02:00:5e:10:00:01)";
            return null;
        }
        if (!PhysicalAddress.TryParse(text.Replace(':', '-'), out var mac) || mac.GetAddressBytes().Length != 6)
        {
            problem = $"dut.mac: '{text}' is not a MAC address (aa:bb:cc:dd:ee:ff)";
            return null;
        }
        var first = mac.GetAddressBytes()[0];
        if ((first & 1) != 0 || (first & 2) == 0)
        {
            problem = $"dut.mac: '{text}' must be unicast and locally administered (first octet x2, x6, xA or xE)";
            return null;
        }
        return mac;
    }
}
