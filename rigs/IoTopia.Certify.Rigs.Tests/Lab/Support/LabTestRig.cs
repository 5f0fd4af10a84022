using System.Net;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>
/// The rig a lab, DUT-web or pillar step sees when a test runs it directly: whatever lab services, address plan,
/// capture and manufacturer publication the test gives (registered as drivers and resources as a rig kind
/// would), and the DUT's network (its address, the probe's, a web port wherever the test's server listens).
/// </summary>
internal sealed class LabTestRig : RigRuntime, IDutNetwork
{
    private readonly AddressPlan _plan;

    public LabTestRig(AddressPlan plan, X509Certificate2Collection roots, IReadOnlyDictionary<string, string>? dutFacts = null)
        : base(new RigDescription
        {
            Name = "lab-test", File = "(test)", Capabilities = ["power", "capture", "dhcp", "dns", "lab-http"],
            Dut = new DutDescription { Facts = dutFacts ?? new Dictionary<string, string>() },
        })
    {
        _plan = plan;
        WebTrustRoots = roots;
        Resources.Set(plan);
        Resources.Set(LabNetwork.OfReferenceDevice(plan));
        Resources.Set<IDutNetwork>(this);
    }

    /// <summary>Registers every lab service that gives a protocol (the HTTPS host, the MUD server, DNS, DHCP).</summary>
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

    public ManufacturerMud? Mud
    {
        get => Resources.Find<ManufacturerMud>();
        set
        {
            if (value is not null)
                Resources.Set(value);
        }
    }

    public ICaptureProtocol? Capture
    {
        get => Drivers.TryGet<ICaptureProtocol>(out var capture) ? capture : null;
        set
        {
            if (value is not null)
                Drivers.Add(value, "test capture");
        }
    }

    public IPAddress DutAddress => _plan.Dut;
    public IPAddress ProbeAddress => _plan.Probe;
    public string WebScheme { get; set; } = "https";
    public int WebPort { get; set; } = 1;
    public X509Certificate2Collection WebTrustRoots { get; set; }
}
