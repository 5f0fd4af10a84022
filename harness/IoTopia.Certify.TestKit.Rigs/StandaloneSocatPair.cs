using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.TestKit.Rigs;

/// <summary>
/// The virtual rig's pty pair for a test with no run of its own (e.g. the reference device's tests): the
/// production <see cref="SocatPair"/> under a scratch step host, whose run owns socat. Disposing kills and
/// reaps socat, which removes both links.
/// </summary>
public sealed class StandaloneSocatPair : IAsyncDisposable
{
    private readonly StepHost _host;

    private StandaloneSocatPair(StepHost host, SocatPair pair)
    {
        _host = host;
        Pair = pair;
    }

    public SocatPair Pair { get; }

    /// <summary>The end the harness (or the lab side of a test) opens.</summary>
    public string LabEnd => Pair.HarnessEnd;

    /// <summary>The end the device opens.</summary>
    public string DeviceEnd => Pair.DeviceEnd;

    public static async Task<StandaloneSocatPair> StartAsync(string folder, CancellationToken ct)
    {
        Socat.Require();
        var host = StepHost.Create(new InProcessRig(new RigDescription { Name = "socat", File = "socat.yaml" }));
        try
        {
            return new StandaloneSocatPair(host, await Socat.StartAsync(host.Run, folder, ct));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Pair.Process.DisposeAsync();
        await _host.DisposeAsync();
    }
}
