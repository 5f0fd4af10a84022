using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// The MUD URL the DUT emits on the rig's source channel (<c>dut.mud-url-source</c>), waited for: the first
/// DHCP message the DUT sends the lab (with option 161 or without) — on a bench without the lab's DHCP, its DHCP
/// on the wire (<see cref="WireUrl"/>) —, or its certificate. Null <see cref="Url"/> with <see cref="Active"/> set
/// means the DUT was seen there but emitted no URL.
/// </summary>
public sealed record SourceUrl(MudUrlSource Source, EmittedMudUrl? Url, bool Active, string Note, ProbeCertificate? Probe)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <param name="wire">the step's own capture, already ended, read when the rig has no lab DHCP (null: the step captures while it waits)</param>
    public static async Task<SourceUrl> WaitAsync(StepContext context, MudUrlSource source, TimeSpan within, CancellationToken ct, ChannelLook? wire = null)
    {
        if (source == MudUrlSource.Dhcp && RigDrivers.Lab<ILabDhcp>(context) is null && RigDrivers.Find<ICaptureProtocol>(context) is { } capture)
        {
            var look = wire ?? await WireUrl.WaitAsync(context, capture, within, ct);
            return new SourceUrl(source, look.Urls.FirstOrDefault(), look.Urls.Count > 0 || look.SpokeDhcp, $"{look.Name}: {look.Note}", null);
        }
        var network = RigDrivers.Resource<IDutNetwork>(context);
        if (network is null)
            return new SourceUrl(source, null, false, $"rig '{context.Rig.Description.Name}' gives no IDutNetwork: the DUT's address is unknown", null);
        var probe = new ProbeLook(network);
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            ChannelLook look;
            if (source == MudUrlSource.Dhcp)
                look = LabMudUrls.Dhcp(context, network.DutAddress, network.DutMac);
            else
            {
                await probe.TryAsync(ct);
                look = probe.Look(DateTimeOffset.UtcNow);
                if (!look.Observed)
                {
                    var lab = LabMudUrls.TlsClientCertificates(context, network.DutAddress);
                    look = lab.Observed ? lab : look;
                }
            }
            if (look.Observed || !look.Available || DateTimeOffset.UtcNow >= deadline)
            {
                var note = look.Available ? look.Note : $"{look.Name}: {look.Note}";
                return new SourceUrl(source, look.Urls.FirstOrDefault(), look.Observed, note, probe.Result);
            }
            await Task.Delay(Poll, ct);
        }
    }
}
