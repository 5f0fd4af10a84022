using System.Net;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent.Tests.Support;

/// <summary>
/// A rig for the intent steps: whatever lab services, address plan, capture and manufacturer publication the
/// test gives, and the DUT's network (its address, the probe's, a web port where nothing need listen).
/// </summary>
internal sealed class IntentTestRig(AddressPlan plan, X509Certificate2Collection roots) : RigRuntime(new RigDescription
{
    Name = "intent-test",
    File = "(test)",
    Capabilities = ["power", "capture", "dhcp", "dns", "lab-http"],
}), IDutNetwork
{
    public LabServices? Lab { get; set; }
    public ManufacturerMud? Mud { get; set; }
    public ICaptureProtocol? Capture { get; set; }

    public IPAddress DutAddress => plan.Dut;
    public IPAddress ProbeAddress => plan.Probe;
    public int WebPort { get; init; } = 1;
    public X509Certificate2Collection WebTrustRoots => roots;

    public override T Driver<T>()
    {
        object? driver = typeof(T) switch
        {
            var t when t == typeof(IDutNetwork) => this,
            var t when t == typeof(AddressPlan) => plan,
            var t when t == typeof(LabServices) => Lab,
            var t when t == typeof(ManufacturerMud) => Mud,
            var t when t == typeof(ICaptureProtocol) => Capture,
            _ => null,
        };
        return driver as T ?? base.Driver<T>();
    }
}
