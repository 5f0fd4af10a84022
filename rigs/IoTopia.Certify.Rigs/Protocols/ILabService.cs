namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>
/// A service the bench gives the DUT (DNS resolver, DHCP listener, HTTPS cloud, MUD file server,
/// update server, time, onboarding services): started once per run, every request logged as evidence.
/// </summary>
public interface ILabService : IAsyncDisposable
{
    string Name { get; }

    Task StartAsync(LabContext lab, CancellationToken ct);
}
