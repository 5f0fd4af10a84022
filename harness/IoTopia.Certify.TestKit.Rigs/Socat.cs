using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.TestKit.Rigs;

/// <summary>
/// A pty pair made exactly as the virtual rig makes it (<see cref="SocatPair"/>), owned by a run: journaled,
/// and killed and reaped when the run reaps (or when the test disposes <see cref="SocatPair.Process"/>).
/// A test that needs it is ignored, saying why, when socat is not installed.
/// </summary>
public static class Socat
{
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(15);

    public static void Require() => ExternalProgram.Require("socat", "socat");

    /// <summary>Starts socat with its two links in <paramref name="folder"/> (<see cref="SocatPair.HarnessEnd"/>, <see cref="SocatPair.DeviceEnd"/>); a second pair in the same folder replaces the links.</summary>
    public static async Task<SocatPair> StartAsync(RunContext run, string folder, CancellationToken ct = default)
    {
        Require();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(StartDeadline);
        return await SocatPair.StartAsync(run, folder, deadline.Token);
    }
}
