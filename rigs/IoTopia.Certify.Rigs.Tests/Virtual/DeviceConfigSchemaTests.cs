using System.Text.Json;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Virtual;
using Json.Schema;

namespace IoTopia.Certify.Rigs.Tests.Virtual;

/// <summary>
/// The config the reference-device rigs write (<see cref="DeviceConfig"/>, filled as ReferenceDeviceRig.StartAsync
/// fills it, with the netns rig's adaptation) satisfies fixtures/schemas/device-config.schema.json — the file the
/// device checks every config against — and the schema refuses what the device would refuse.
/// </summary>
[TestFixture]
public sealed class DeviceConfigSchemaTests
{
    private static readonly string SchemaFile = Path.Combine(AppContext.BaseDirectory, "schemas", "device-config.schema.json");
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(SchemaFile));
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("device-config-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task TheVirtualRigsConfigSatisfiesTheDevicesSchema() =>
        Assert.That(await ProblemsAsync(AsTheRigWritesIt(new AddressPlan(7, privilegedPorts: false))), Is.Empty);

    [Test]
    public async Task TheNetnsRigsConfigSatisfiesTheDevicesSchema()
    {
        var config = AsTheRigWritesIt(new AddressPlan((10, 77), 7, privilegedPorts: true)) with
        {
            AllowedNetworks = ["10.77.7.0/24"],
            DhcpMode = "client",
            NetworkInterface = "dut0",
        };
        Assert.That(await ProblemsAsync(config), Is.Empty);
    }

    [Test]
    public async Task TheSchemaRefusesWhatTheDeviceRefuses()
    {
        var plan = new AddressPlan(7, privilegedPorts: false);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ProblemsAsync(AsTheRigWritesIt(plan) with { LabDnsPort = 0 }), Has.Some.StartWith("/labDnsPort:"));
            Assert.That(await ProblemsAsync(AsTheRigWritesIt(plan) with { MudUrl = "http://mud.example/rd-1.json" }), Has.Some.StartWith("/mudUrl:"));
            Assert.That(await ProblemsAsync(AsTheRigWritesIt(plan) with { DhcpMode = "server" }), Has.Some.StartWith("/dhcpMode:"));
            Assert.That(await ProblemsAsync(AsTheRigWritesIt(plan) with { Model = "two words" }), Has.Some.StartWith("/model:"));
        }
    }

    /// <summary>Every field ReferenceDeviceRig.StartAsync sets, from an address plan and the virtual rig's defaults.</summary>
    private DeviceConfig AsTheRigWritesIt(AddressPlan plan) => new()
    {
        Model = "RD-1",
        SerialNumber = "RD1-000001",
        FirmwareVersion = "1.0.0",
        Personality = ReferenceDeviceOptions.DefaultPersonality,
        StateDir = Path.Combine(_folder, "state"),
        SerialDevice = Path.Combine(_folder, "serial-device"),
        IpAddress = plan.Dut.ToString(),
        LabAddress = plan.Lab.ToString(),
        LabDnsPort = plan.DnsPort,
        LabDhcpPort = plan.DhcpPort,
        WebHttpsPort = plan.DutWebPort,
        MudUrl = "https://mud.reference-device.example/rd-1.json",
        DeviceCertPath = Path.Combine(_folder, "device.pem"),
        DeviceKeyPath = Path.Combine(_folder, "device.key"),
        CloudTrustAnchorPath = Path.Combine(_folder, "lab-ca.pem"),
        CloudNames = ["telemetry.reference-device.example", "backup.reference-device.example"],
        CloudPort = plan.HttpsPort,
        TelemetryPeriodMs = (int)TimeSpan.FromSeconds(5).TotalMilliseconds,
        BootDelayMs = 0,
    };

    /// <summary>Writes the config with the rig's own writer and validates the file against the schema.</summary>
    private async Task<List<string>> ProblemsAsync(DeviceConfig config)
    {
        var path = Path.Combine(_folder, "device.json");
        await config.WriteAsync(path, CancellationToken.None);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToList();
    }
}
