using System.Net;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>
/// Whose traffic a capture is about: the DUT's address, and the harness's own probe address whose
/// traffic is excluded from the DUT's behavioural traffic (CONTRACTS.md, addresses).
/// </summary>
public sealed record CaptureTarget(IPAddress Dut, IPAddress? Probe = null)
{
    /// <summary>The rig's DUT filter: <c>host DUT and not host PROBE</c>.</summary>
    public string DefaultFilter => Probe is null ? $"host {Dut}" : $"host {Dut} and not host {Probe}";

    /// <summary>A packet is the DUT's when the DUT is its source or destination and the probe is neither.</summary>
    public bool IsDut(IPAddress? source, IPAddress? destination) =>
        (Dut.Equals(source) || Dut.Equals(destination))
        && (Probe is null || (!Probe.Equals(source) && !Probe.Equals(destination)));
}
