using System.Net;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>
/// The rig a lab or DUT-web step sees when a test runs it directly: the lab services the test started
/// (registered as drivers, as a rig kind would), and the DUT's network on the test's address plan (its web
/// port wherever the test's server listens).
/// </summary>
internal sealed class LabStepRig : RigRuntime, IDutNetwork
{
    private readonly AddressPlan _plan;

    public LabStepRig(AddressPlan plan, X509Certificate2Collection webTrustRoots)
        : base(new RigDescription { Name = "lab-steps", File = "(test)", Capabilities = ["dhcp", "lab-http"] })
    {
        _plan = plan;
        WebTrustRoots = webTrustRoots;
        Resources.Set(plan);
        Resources.Set<IDutNetwork>(this);
    }

    /// <summary>Registers every lab service that gives a protocol (the HTTPS host, DHCP).</summary>
    public LabServices? Lab
    {
        get;
        set
        {
            field = value;
            foreach (var service in value?.Services.Where(s => ProtocolCapabilities.Of(s.GetType()).Count > 0) ?? [])
                Drivers.Add(service, $"test lab service '{service.Name}'");
        }
    }

    public IPAddress DutAddress => _plan.Dut;
    public IPAddress ProbeAddress => _plan.Probe;
    public int WebPort { get; set; } = 1;
    public X509Certificate2Collection WebTrustRoots { get; }
}
