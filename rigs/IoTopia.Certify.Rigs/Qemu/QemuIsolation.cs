using System.Diagnostics;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Netns;
using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.Rigs.Qemu;

/// <summary>
/// The qemu rig's way to run, from the root namespace: take a slot of its own pool, build the board image when the
/// rig names a variant (cached: a no-op when its inputs are unchanged), remove what a killed run left in the slot,
/// make the namespace with its bridge and tap (<see cref="QemuNetwork"/>), then run the certify program again inside
/// it as the netns rig does (<see cref="NamespaceRun"/>), the slot and the image folder in its
/// environment; when it ends, kill what is left inside and delete the namespace.
/// </summary>
public sealed class QemuIsolation(QemuSettings settings) : RunIsolation
{
    private static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(10);

    public override async Task<int> RunAsync(IReadOnlyList<string> command)
    {
        SlotLock slot;
        try
        {
            slot = SlotLock.Acquire(QemuLayout.SlotFolder, $"certify pid {Environment.ProcessId}");
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new RunIsolationException($"the qemu rig found no free slot: {e.Message}", e);
        }
        using (slot)
        {
            var image = settings.ImageFolder ?? await BuildAsync(settings);
            var layout = new QemuLayout(slot.Slot);
            return await NamespaceRun.RunAsync("qemu", new QemuNetwork(layout), new Dictionary<string, string>
            {
                [QemuLayout.SlotVariable] = layout.SlotText,
                [QemuLayout.ImageVariable] = image,
            }, command);
        }
    }

    /// <summary>Runs the board's build for the rig's variant (its progress on this process's stderr) and returns the image folder it prints last.</summary>
    private static async Task<string> BuildAsync(QemuSettings settings)
    {
        var info = new ProcessStartInfo(settings.BuildScript) { UseShellExecute = false, RedirectStandardOutput = true };
        info.ArgumentList.Add("--variant");
        info.ArgumentList.Add(settings.Variant!);
        using var deadline = new CancellationTokenSource(BuildDeadline);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("the build did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RunIsolationException($"the qemu rig could not run the board's build {settings.BuildScript}: {e.Message}", e);
        }
        using (process)
        {
            string output;
            try
            {
                output = await process.StandardOutput.ReadToEndAsync(deadline.Token);
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new RunIsolationException($"the board's build ({settings.BuildScript} --variant {settings.Variant}) took more than {BuildDeadline.TotalMinutes:0} minutes");
            }
            var folder = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (process.ExitCode != 0 || folder is null || !Directory.Exists(folder))
                throw new RunIsolationException($"the board's build ({settings.BuildScript} --variant {settings.Variant}) failed (exit {process.ExitCode}); its reasons are above");
            return folder;
        }
    }
}
