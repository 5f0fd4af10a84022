using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoTopia.Certify.Rigs.Addressing;

/// <summary>
/// A run's hold on a DUT-facing interface of a bench: an exclusive lock file per interface (and network
/// namespace; on <c>lo</c> per subnet) that records which lab-side addresses the run added with <c>ip addr add</c>, written before they
/// are added. When the run ends they are removed again (and the link set down if the run brought it up); a run
/// killed before that leaves the record, and the next run on that interface (or <c>certify resume</c>) removes
/// what it lists, after the caller has reaped the killed run's processes. Addresses already on the interface
/// are used, never removed; a subnet that another interface also reaches is refused: the DUT's network must be
/// its own, reached through this interface only.
/// </summary>
public sealed class InterfaceAddressLease : IAsyncDisposable
{
    private readonly FileStream _lock;
    private readonly string _interface;
    private readonly IReadOnlyList<string> _added;
    private readonly bool _broughtUp;

    private InterfaceAddressLease(FileStream @lock, string interfaceName, IReadOnlyList<string> added, bool broughtUp, LeaseRecord? left)
    {
        _lock = @lock;
        _interface = interfaceName;
        _added = added;
        _broughtUp = broughtUp;
        LeftByKilledRun = left;
    }

    /// <summary>What a killed run had recorded on this interface (already removed), or null.</summary>
    public LeaseRecord? LeftByKilledRun { get; }

    /// <summary>The addresses (CIDR) this run added.</summary>
    public IReadOnlyList<string> Added => _added;

    public bool BroughtUp => _broughtUp;

    public static string Folder => Path.Combine(Path.GetTempPath(), "iotopia-certify-bench-lab");

    /// <summary>What one run recorded on an interface.</summary>
    public sealed record LeaseRecord(string Run, int Pid, string Interface, IReadOnlyList<string> Added, bool BroughtUp)
    {
        public string ToJson() => new JsonObject
        {
            ["run"] = Run,
            ["pid"] = Pid,
            ["interface"] = Interface,
            ["added"] = new JsonArray(Added.Select(a => (JsonNode?)a).ToArray()),
            ["broughtUp"] = BroughtUp,
        }.ToJsonString();

        public static LeaseRecord? Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
                return null;
            try
            {
                var o = JsonNode.Parse(text)!.AsObject();
                return new LeaseRecord((string?)o["run"] ?? "", (int?)o["pid"] ?? 0, (string?)o["interface"] ?? "",
                    o["added"]?.AsArray().Select(a => (string?)a).OfType<string>().ToList() ?? [], (bool?)o["broughtUp"] ?? false);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                return null; // a torn record: nothing to trust in it
            }
        }
    }

    /// <summary>
    /// Takes <paramref name="interfaceName"/> for this run: cleans up after a killed run (<paramref name="reapKilledRun"/> first), checks
    /// the interface exists and no other interface reaches <paramref name="subnet"/>, brings the link up, adds the missing addresses.
    /// </summary>
    /// <exception cref="InvalidOperationException">the interface is missing or in use, the subnet is reachable elsewhere, or ip failed (e.g. no root)</exception>
    public static async Task<InterfaceAddressLease> AcquireAsync(string interfaceName, IPNetwork subnet, IEnumerable<IPAddress> addresses, string runFolder,
        Func<LeaseRecord, Task> reapKilledRun, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        // one DUT per card; on lo, one per subnet (several loopback benches can run side by side)
        var held = interfaceName == "lo" ? $"lo-{subnet.BaseAddress}-{subnet.PrefixLength}" : interfaceName;
        var path = Path.Combine(Folder, $"{NamespaceId()}-{held}.lock");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidOperationException($"interface {interfaceName} is in use by another run (lock {path}): two runs cannot own one DUT-facing network");
        }
        try
        {
            var left = LeaseRecord.Parse(new StreamReader(stream, Encoding.UTF8, leaveOpen: true).ReadToEnd());
            if (left is not null)
            {
                await reapKilledRun(left);
                await RemoveAsync(left.Interface, left.Added, left.BroughtUp, ct);
                Write(stream, "");
            }
            var now = await InterfaceAddresses.ReadAsync(ct);
            if (!now.Has(interfaceName))
                throw new InvalidOperationException($"no such network interface: {interfaceName} (interfaces here: {string.Join(", ", now.ByInterface.Keys)})");
            var overlapping = now.Overlapping(interfaceName, subnet).ToList();
            if (overlapping.Count > 0)
                throw new InvalidOperationException($"the DUT's subnet {subnet} is reachable through other interfaces too ({string.Join("; ", overlapping)}): it must be the DUT-facing interface's alone");
            var missing = addresses.Distinct().Where(a => !now.Holds(interfaceName, a)).Select(a => $"{a}/{subnet.PrefixLength}").ToList();
            var bringUp = now.Down.Contains(interfaceName);
            if ((missing.Count > 0 || bringUp) && !Environment.IsPrivilegedProcess)
                throw new InvalidOperationException($"the lab's addresses on {interfaceName} ({string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? ", …" : "")}) need root (ip addr add): run certify as root");
            Write(stream, new LeaseRecord(runFolder, Environment.ProcessId, interfaceName, missing, bringUp).ToJson());
            var batch = new StringBuilder();
            foreach (var address in missing)
                batch.AppendLine($"addr add {address} dev {interfaceName}");
            if (bringUp)
                batch.AppendLine($"link set dev {interfaceName} up");
            if (batch.Length > 0)
                await IpCommand.RunAsync(["-batch", "-"], batch.ToString(), ct);
            return new InterfaceAddressLease(stream, interfaceName, missing, bringUp, left);
        }
        catch
        {
            // what was recorded stays recorded: the next run on this interface removes it
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Removes the addresses this run added (and takes the link down if it brought it up), then releases the interface.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await RemoveAsync(_interface, _added, _broughtUp, CancellationToken.None);
            Write(_lock, "");
        }
        finally
        {
            await _lock.DisposeAsync();
        }
    }

    private static async Task RemoveAsync(string interfaceName, IReadOnlyList<string> added, bool broughtUp, CancellationToken ct)
    {
        var now = await InterfaceAddresses.ReadAsync(ct);
        if (!now.Has(interfaceName))
            return; // the interface went away, and its addresses with it
        // last added first: deleting a subnet's primary address takes its secondaries with it
        var present = added.Reverse().Where(a => Held(now, interfaceName, a)).ToList();
        var batch = new StringBuilder();
        foreach (var address in present)
            batch.AppendLine($"addr del {address} dev {interfaceName}");
        if (broughtUp)
            batch.AppendLine($"link set dev {interfaceName} down");
        if (batch.Length == 0)
            return;
        try
        {
            await IpCommand.RunAsync(["-force", "-batch", "-"], batch.ToString(), ct);
        }
        catch (InvalidOperationException)
        {
            // an address already gone with its primary is no failure; one still there is
            var left = await InterfaceAddresses.ReadAsync(ct);
            var still = present.Where(a => Held(left, interfaceName, a)).ToList();
            if (still.Count > 0)
                throw new InvalidOperationException($"could not remove {string.Join(", ", still.Take(5))}{(still.Count > 5 ? ", …" : "")} from {interfaceName}");
        }
    }

    private static bool Held(InterfaceAddresses now, string interfaceName, string cidr) =>
        IPAddress.TryParse(cidr.Split('/')[0], out var address) && now.Holds(interfaceName, address);

    private static void Write(FileStream stream, string text)
    {
        stream.SetLength(0);
        stream.Position = 0;
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>This process's network namespace (interface names are per namespace), from /proc/self/ns/net.</summary>
    private static string NamespaceId()
    {
        var target = new FileInfo("/proc/self/ns/net").LinkTarget ?? "net";
        return new string(target.Where(char.IsAsciiDigit).ToArray()) is { Length: > 0 } id ? id : "net";
    }
}
