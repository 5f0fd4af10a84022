using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.Rigs.Netns;

/// <summary>
/// The netns rig's way to run: from the root namespace, take a netns slot (a lock of its own pool), remove
/// what a killed run left in that slot, make the namespaces and the veth pair, then run the certify program
/// again inside the lab namespace — <c>setsid setpriv --pdeathsig KILL ip netns exec iotcN-lab …</c>, the
/// same arguments and stdio, <see cref="NetnsLayout.SlotVariable"/> set — pass Ctrl-C and SIGTERM on, and
/// when it ends kill what is left inside and delete the namespaces. Its own session keeps a terminal's
/// Ctrl-C from reaching it twice; the parent-death signal ends it if this process is killed.
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
            await PrepareAsync(network);
            try
            {
                var layout = network.Layout;
                return await RunInsideAsync(layout.LabNamespace, new Dictionary<string, string>
                {
                    [NetnsLayout.SlotVariable] = layout.Slot.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }, command);
            }
            finally
            {
                try
                {
                    await network.RemoveAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                {
                    Console.Error.WriteLine($"netns: could not remove {network.Layout.LabNamespace} and {network.Layout.DutNamespace}: {e.Message} (the next run in slot {slot.Slot} removes them)");
                }
            }
        }
    }

    private static async Task PrepareAsync(NetnsNetwork network)
    {
        try
        {
            var leftovers = await network.RemoveAsync(CancellationToken.None);
            if (leftovers.Count > 0)
                Console.Error.WriteLine($"netns: slot {network.Layout.Slot} was left by a killed run: killed {leftovers.Count} of its processes ({string.Join(", ", leftovers)}) and removed its namespaces");
            await network.CreateAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new RunIsolationException($"the netns rig could not make its network namespaces: {e.Message}", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> inside network namespace <paramref name="labNamespace"/> with <paramref name="environment"/>
    /// added, Ctrl-C and SIGTERM passed on, and returns its exit code (also the <c>qemu</c> rig kind's way in).
    /// </summary>
    internal static async Task<int> RunInsideAsync(string labNamespace, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> command)
    {
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var a in new[] { "setpriv", "--pdeathsig", "KILL", "ip", "netns", "exec", labNamespace }.Concat(command))
            info.ArgumentList.Add(a);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;

        var child = new ForwardedChild();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => child.Forward(context, Signals.Interrupt));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => child.Forward(context, Signals.Terminate));
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The parent-death signal follows the thread that forked the child, not the process: this thread lives until the child ends.
        var owner = new Thread(() =>
        {
            try
            {
                using var process = Process.Start(info) ?? throw new InvalidOperationException("setsid did not start");
                child.Started(process.Id);
                process.WaitForExit();
                exited.TrySetResult(process.ExitCode);
            }
            catch (Exception e)
            {
                exited.TrySetException(e);
            }
        }) { IsBackground = true, Name = $"netns run {labNamespace}" };
        owner.Start();
        try
        {
            return await exited.Task;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RunIsolationException($"the netns rig needs setsid and setpriv (util-linux): {e.Message}", e);
        }
    }

    /// <summary>The run inside, as far as signals go: one that comes before it has started is passed on when it starts.</summary>
    private sealed class ForwardedChild
    {
        private readonly Lock _lock = new();
        private int _pid;
        private int _pending;

        public void Started(int pid)
        {
            int pending;
            lock (_lock)
            {
                _pid = pid;
                pending = _pending;
            }
            if (pending != 0)
                Signals.Send(pid, pending);
        }

        public void Forward(PosixSignalContext context, int signal)
        {
            context.Cancel = true; // this process stays to take the namespaces down; the run inside decides how to stop
            int pid;
            lock (_lock)
            {
                pid = _pid;
                if (pid == 0)
                    _pending = signal;
            }
            if (pid != 0)
                Signals.Send(pid, signal);
        }
    }
}
