using System.Net.NetworkInformation;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.Rigs.Netns;

/// <summary>
/// The netns rig's way to run: from the root namespace, take a netns slot (a lock of its own pool), remove
/// what a killed run left in that slot, make the namespaces and the veth pair, then run the certify program
/// again inside the lab namespace with <see cref="NetnsLayout.SlotVariable"/> set, and when it ends kill what
/// is left inside and delete the namespaces (<see cref="NamespaceRun"/>).
/// </summary>
public sealed class NetnsIsolation(PhysicalAddress dutMac) : RunIsolation
{
    public static string SlotFolder => Path.Combine(Path.GetTempPath(), "iotopia-certify-netns-slots");

    public override async Task<int> RunAsync(IReadOnlyList<string> command)
    {
        SlotLock slot;
        try
        {
            slot = SlotLock.Acquire(SlotFolder, $"certify pid {Environment.ProcessId}");
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new RunIsolationException($"the netns rig found no free slot: {e.Message}", e);
        }
        using (slot)
        {
            var network = new NetnsNetwork(new NetnsLayout(slot.Slot, dutMac));
            return await NamespaceRun.RunAsync("netns", network, new Dictionary<string, string>
            {
                [NetnsLayout.SlotVariable] = slot.Slot.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, command);
        }
    }
}
