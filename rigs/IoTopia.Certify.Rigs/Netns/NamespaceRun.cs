using System.Diagnostics;
using System.Runtime.InteropServices;
using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.Rigs.Netns;

/// <summary>
/// How a rig kind that makes network namespaces runs a run in them (netns, qemu), once it holds a slot: remove what
/// a killed run left in the slot, make the namespaces, run the certify program again inside the lab namespace —
/// <c>setsid setpriv --pdeathsig KILL ip netns exec &lt;lab&gt; …</c>, the same arguments and stdio, the kind's
/// variables set — pass Ctrl-C and SIGTERM on, and when it ends kill what is left inside and delete the namespaces.
/// Its own session keeps a terminal's Ctrl-C from reaching it twice; the parent-death signal ends it if this process
/// is killed.
/// </summary>
public static class NamespaceRun
{
    /// <param name="kind">the rig kind, for messages</param>
    /// <returns>the exit code of the run inside</returns>
    public static async Task<int> RunAsync(string kind, IRunNamespaces namespaces, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> command)
    {
        await PrepareAsync(kind, namespaces);
        try
        {
            return await RunInsideAsync(namespaces.LabNamespace, environment, command);
        }
        finally
        {
            try
            {
                await namespaces.RemoveAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine($"{kind}: could not remove {namespaces.Names}: {e.Message} (the next run in slot {namespaces.Slot} removes them)");
            }
        }
    }

    private static async Task PrepareAsync(string kind, IRunNamespaces namespaces)
    {
        try
        {
            var leftovers = await namespaces.RemoveAsync(CancellationToken.None);
            if (leftovers.Count > 0)
                Console.Error.WriteLine($"{kind}: slot {namespaces.Slot} was left by a killed run: killed {leftovers.Count} of its processes ({string.Join(", ", leftovers)}) and removed {namespaces.Names}");
            await namespaces.CreateAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new RunIsolationException($"the {kind} rig could not make its network namespaces: {e.Message}", e);
        }
    }

    private static async Task<int> RunInsideAsync(string labNamespace, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> command)
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
