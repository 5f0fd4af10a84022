using System.Net;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Rigs.DutWeb;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>
/// The DUT's network on a bench without a lab network (<c>drivers.lab</c>): the DUT's address is the one its capture
/// is filtered to (<c>drivers.capture.dut-address</c>); the harness has no probe address of its own there, so the OS
/// picks the source of a probe, and no trust roots, so an https web port cannot be verified.
/// </summary>
internal sealed class BenchDutAddress(IPAddress dut, DutWebFacts web) : IDutNetwork
{
    public IPAddress DutAddress => dut;
    public IPAddress ProbeAddress => IPAddress.Any;
    public string WebScheme => web.Scheme;
    public int WebPort => web.Port;
    public X509Certificate2Collection WebTrustRoots { get; } = [];
}
