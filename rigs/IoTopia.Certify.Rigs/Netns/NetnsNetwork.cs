using System.Diagnostics;
using System.Text;
using IoTopia.Certify.Harness.Processes;
using IoTopia.Certify.Rigs.Addressing;

namespace IoTopia.Certify.Rigs.Netns;

/// <summary>
/// Makes and removes the namespaces, the veth pair and the addresses of a <see cref="NetnsLayout"/>, from
/// the root namespace. Removing first SIGKILLs every process still inside either namespace (what a killed
/// run left: its harness, device, dnsmasq, socat), so nothing keeps them alive.
/// </summary>
public sealed class NetnsNetwork(NetnsLayout layout) : IRunNamespaces
{
    private static readonly TimeSpan KillDeadline = TimeSpan.FromSeconds(10);

    public NetnsLayout Layout => layout;

    public int Slot => layout.Slot;

    public string LabNamespace => layout.LabNamespace;

    public string Names => $"{layout.LabNamespace} and {layout.DutNamespace}";

    /// <summary>Both namespaces with the veth pair between them, addresses on both ends, links up, IPv6 address generation off, no routes but the /24.</summary>
    public async Task CreateAsync(CancellationToken ct)
    {
        try
        {
            await IpCommand.RunAsync(["netns", "add", layout.LabNamespace], null, ct);
            await IpCommand.RunAsync(["netns", "add", layout.DutNamespace], null, ct);
            await IpCommand.RunAsync(["link", "add", "name", NetnsLayout.LabInterface, "netns", layout.LabNamespace, "address", NetnsLayout.Text(layout.LabMac),
                "type", "veth", "peer", "name", NetnsLayout.DutInterface, "netns", layout.DutNamespace, "address", NetnsLayout.Text(layout.DutMac)], null, ct);
            var plan = layout.Plan;
            await IpCommand.RunAsync(["-n", layout.LabNamespace, "-batch", "-"],
                Batch(NetnsLayout.LabInterface, plan.LabSideAddresses.Select(a => $"{a}/24")), ct);
            await IpCommand.RunAsync(["-n", layout.DutNamespace, "-batch", "-"],
                Batch(NetnsLayout.DutInterface, [$"{plan.Dut}/24"]), ct);
        }
        catch
        {
            await RemoveAsync(CancellationToken.None);
            throw;
        }
    }

    private static string Batch(string link, IEnumerable<string> addresses)
    {
        var batch = new StringBuilder();
        batch.AppendLine("link set lo up");
        batch.AppendLine($"link set {link} addrgenmode none"); // no IPv6 link-local address: the link carries only what the lab serves
        foreach (var address in addresses)
            batch.AppendLine($"addr add {address} dev {link}");
        batch.AppendLine($"link set {link} up");
        return batch.ToString();
    }

    /// <summary>Kills what is inside the namespaces and deletes them (the veth pair goes with them); returns the pids it killed.</summary>
    public async Task<IReadOnlyList<int>> RemoveAsync(CancellationToken ct)
    {
        var killed = new List<int>();
        var existing = await ExistingAsync(ct);
        foreach (var name in new[] { layout.LabNamespace, layout.DutNamespace }.Where(existing.Contains))
        {
            killed.AddRange(await KillInsideAsync(name, ct));
            await IpCommand.RunAsync(["netns", "delete", name], null, ct);
        }
        return killed;
    }

    /// <summary>The names of the network namespaces that exist now.</summary>
    public static async Task<IReadOnlySet<string>> ExistingAsync(CancellationToken ct)
    {
        var list = await IpCommand.RunAsync(["netns", "list"], null, ct);
        return list.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>SIGKILLs every process inside network namespace <paramref name="name"/> (but this one) until none is left; returns their pids.</summary>
    internal static async Task<IReadOnlyList<int>> KillInsideAsync(string name, CancellationToken ct)
    {
        var killed = new List<int>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(KillDeadline);
        while (true)
        {
            var pids = (await IpCommand.RunAsync(["netns", "pids", name], null, deadline.Token))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => int.TryParse(p, out var pid) ? pid : 0).Where(p => p > 0 && p != Environment.ProcessId).ToList();
            var alive = pids.Select(p => new ProcessIdentity(p, ProcessIdentity.ReadStartTicks(p) ?? 0)).Where(p => p.StartTicks != 0 && p.IsAlive).ToList();
            if (alive.Count == 0)
                return killed;
            foreach (var identity in alive)
            {
                try
                {
                    using var process = Process.GetProcessById(identity.Pid);
                    process.Kill(entireProcessTree: true);
                    if (!killed.Contains(identity.Pid))
                        killed.Add(identity.Pid);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    // gone meanwhile
                }
            }
            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"processes in network namespace {name} survived SIGKILL for {KillDeadline.TotalSeconds:0} s: {string.Join(", ", alive.Select(p => p.Pid))}");
            }
        }
    }
}
