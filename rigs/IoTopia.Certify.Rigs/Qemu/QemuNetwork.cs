using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Netns;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>
/// Makes and removes the namespace of a <see cref="QemuLayout"/> from the root namespace: the bridge with its
/// carrier port (a veth pair whose other end stays unbridged: this kernel has no dummy links) and the persistent tap, all up, IPv6 address generation off on each, no address and no route
/// (the lab side's addresses are added by the run inside, as on a bench's card). Removing first SIGKILLs every
/// process still inside (what a killed run left: its harness, QEMU, dnsmasq, socat); the links go with it.
/// </summary>
public sealed class QemuNetwork(QemuLayout layout) : IRunNamespaces
{
    public QemuLayout Layout => layout;

    public int Slot => layout.Slot;

    public string LabNamespace => layout.LabNamespace;

    public string Names => layout.LabNamespace;

    public async Task CreateAsync(CancellationToken ct)
    {
        try
        {
            await IpCommand.RunAsync(["netns", "add", layout.LabNamespace], null, ct);
            await IpCommand.RunAsync(["-n", layout.LabNamespace, "-batch", "-"], $"""
                link set lo up
                link add {QemuLayout.Bridge} type bridge
                link set {QemuLayout.Bridge} addrgenmode none
                link add {QemuLayout.CarrierPort} type veth peer name {QemuLayout.CarrierStub}
                link set {QemuLayout.CarrierPort} addrgenmode none
                link set {QemuLayout.CarrierStub} addrgenmode none
                link set {QemuLayout.CarrierPort} master {QemuLayout.Bridge}
                link set {QemuLayout.CarrierStub} arp off
                link set {QemuLayout.CarrierStub} up
                tuntap add dev {QemuLayout.Tap} mode tap
                link set {QemuLayout.Tap} addrgenmode none
                link set {QemuLayout.Tap} master {QemuLayout.Bridge}
                link set {QemuLayout.CarrierPort} up
                link set {QemuLayout.Tap} up
                link set {QemuLayout.Bridge} up

                """, ct);
            // The carrier port only holds the carrier: the bridge sends it nothing (its other end would answer ARP for the lab's addresses with its own MAC).
            await IpCommand.RunAsync("bridge", ["-n", layout.LabNamespace, "link", "set", "dev", QemuLayout.CarrierPort, "learning", "off", "flood", "off", "mcast_flood", "off", "bcast_flood", "off"], null, ct);
        }
        catch
        {
            await RemoveAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Kills what is inside the namespace and deletes it; returns the pids it killed.</summary>
    public async Task<IReadOnlyList<int>> RemoveAsync(CancellationToken ct)
    {
        if (!(await NetnsNetwork.ExistingAsync(ct)).Contains(layout.LabNamespace))
            return [];
        var killed = await NetnsNetwork.KillInsideAsync(layout.LabNamespace, ct);
        await IpCommand.RunAsync(["netns", "delete", layout.LabNamespace], null, ct);
        return killed;
    }
}
