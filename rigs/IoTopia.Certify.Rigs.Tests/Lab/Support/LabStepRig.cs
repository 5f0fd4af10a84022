using System.Net;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>
/// The rig a lab or DUT-web step sees when a test runs it directly: the lab services the test started, and the
/// DUT's network on the test's address plan (its web port wherever the test's server listens).
/// </summary>
internal sealed class LabStepRig(AddressPlan plan, X509Certificate2Collection webTrustRoots) : RigRuntime(new RigDescription
{
    Name = "lab-steps",
    File = "(test)",
    Capabilities = ["dhcp", "lab-http"],
}), IDutNetwork
{
    public LabServices? Lab { get; set; }

    public IPAddress DutAddress => plan.Dut;
    public IPAddress ProbeAddress => plan.Probe;
    public int WebPort { get; set; } = 1;
    public X509Certificate2Collection WebTrustRoots => webTrustRoots;

    public override T Driver<T>() =>
        (typeof(T) == typeof(IDutNetwork) ? this as T
            : typeof(T) == typeof(LabServices) ? Lab as T
            : null) ?? base.Driver<T>();
}
