using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Lab.Pki;
using IoTopia.Certify.Rigs.Lab.Update;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Restore;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>
/// The reference device from fixtures/ on a bench made on this machine: it takes the run's addresses,
/// opens the lab's test PKI, starts the lab services, makes the pty pair, writes the device's config into
/// rig/, and powers the device on and off as a process. Before each scenario: power off, factory reset of
/// the state dir, serial cursor, power on. How the device is networked — loopback (virtual) or a veth in
/// network namespaces (netns) — is the subclass's: its addresses, its DNS and DHCP services, where it
/// captures and how the device process is started.
/// </summary>
public abstract class ReferenceDeviceRig(RigDescription description, VirtualRigSettings settings) : RigRuntime(description), IDutNetwork
{
    private readonly List<IAsyncDisposable> _owned = [];
    private AddressPlan? _plan;
    private LabServices? _lab;
    private SerialConsole? _console;
    private VirtualPower? _power;
    private FactoryImageRestore? _restore;
    private X509Certificate2Collection _webRoots = [];
    private RunContext? _run;

    public IPAddress DutAddress => Plan.Dut;
    public IPAddress ProbeAddress => Plan.Probe;
    public string WebScheme => DutWeb.DutWebFacts.Https; // the reference device serves HTTPS on the plan's port
    public int WebPort => Plan.DutWebPort;
    public X509Certificate2Collection WebTrustRoots => _webRoots;
    public virtual PhysicalAddress? DutMac => null;

    protected VirtualRigSettings Settings => settings;

    protected AddressPlan Plan => _plan ?? throw new InvalidOperationException($"the {Description.Kind} rig has not started");

    /// <summary>Takes this run's addresses (its slot); the first thing the rig does.</summary>
    protected abstract Task<AddressPlan> TakeAddressesAsync(RunContext run, CancellationToken ct);

    /// <summary>The lab services that give the DUT its network (DNS, DHCP), started in this order before the common ones.</summary>
    protected abstract IEnumerable<ILabService> NetworkServices(RunContext run, AddressPlan plan);

    /// <summary>Where the DUT's traffic is captured.</summary>
    protected abstract LiveCapture CaptureFor(AddressPlan plan);

    /// <summary>How the device process is started with <paramref name="configPath"/>: power on runs this, power off SIGKILLs its pid.</summary>
    protected abstract ProcessStartInfo DeviceStartInfo(string dll, string configPath);

    /// <summary>The device's config as this network needs it (allowed networks, DHCP mode).</summary>
    protected virtual DeviceConfig AdaptConfig(DeviceConfig config) => config;

    /// <summary>Adds what this network chose to the rig's record in the journal.</summary>
    protected virtual void Describe(JsonObject details)
    {
    }

    /// <summary>Gives the run's addresses back; called last when the rig is disposed.</summary>
    protected virtual void ReleaseAddresses()
    {
    }

    public override async Task StartAsync(RunContext run, CancellationToken ct)
    {
        _run = run;
        _plan = await TakeAddressesAsync(run, ct);
        Resources.Set(_plan);
        Resources.Set(LabNetwork.OfReferenceDevice(_plan));
        Resources.Set<IDutNetwork>(this);
        var capture = CaptureFor(_plan);
        Drivers.Add(capture, ReferenceDeviceDrivers.CaptureName, capture.InterfaceName);
        var rigDir = run.Folder.Rig;

        var pki = await TestPki.OpenAsync(settings.PkiFolder, ct);
        _webRoots = [pki.CaCertificate];
        foreach (var file in pki.PublicFiles())
            await CopyToRunEvidenceAsync(run, file, "lab-ca", ct);
        var personality = ReferenceDeviceOptions.PersonalityOf(Description);
        var publication = await ReferenceDevicePublisher.PublishAsync(run, settings, Description.Dut.Model, personality, _plan.HttpsPort, pki, ct);
        Resources.Set(publication.Mud);
        var device = pki.IssueDevice(new DeviceCertificateRequest
        {
            Model = Description.Dut.Model,
            SerialNumber = Description.Dut.Serial,
            Address = _plan.Dut,
            MudUrl = publication.CertificateMudUrl,
            MudSigner = publication.SignerSubject,
        });
        var devicePem = device.WritePem(Path.Combine(rigDir, "pki"), "device");

        var https = new LabHttpsHost();
        _lab = new LabServices([.. NetworkServices(run, _plan), https, new LabMudServer(https, publication.Mud), new LabUpdateServer(https)]);
        _owned.Add(_lab);
        await _lab.StartAsync(new LabContext(run, _plan, pki), ct);
        foreach (var service in _lab.Services.Where(s => Harness.Drivers.ProtocolCapabilities.Of(s.GetType()).Count > 0))
            Drivers.Add(service, ReferenceDeviceDrivers.LabServiceName(service.Name), _plan.Lab.ToString());

        var socat = await SocatPair.StartAsync(run, rigDir, ct);
        _console = Drivers.Add(SerialConsole.Open(run, new SerialConsoleOptions { Path = socat.HarnessEnd, Baud = settings.Baud }),
            ReferenceDeviceDrivers.ConsoleName, socat.HarnessEnd);
        _owned.Add(_console);

        var stateDir = Path.Combine(rigDir, "state");
        var factoryDir = Path.Combine(rigDir, "factory-image");
        Directory.CreateDirectory(stateDir);
        Directory.CreateDirectory(factoryDir); // an empty flash is the factory state: the device provisions it at first boot
        var config = AdaptConfig(new DeviceConfig
        {
            Model = Description.Dut.Model,
            SerialNumber = Description.Dut.Serial,
            FirmwareVersion = Description.Dut.Firmware,
            Personality = personality,
            StateDir = stateDir,
            SerialDevice = socat.DeviceEnd,
            IpAddress = _plan.Dut.ToString(),
            LabAddress = _plan.Lab.ToString(),
            LabDnsPort = _plan.DnsPort,
            LabDhcpPort = _plan.DhcpPort,
            WebHttpsPort = _plan.DutWebPort,
            MudUrl = settings.MudUrl,
            DeviceCertPath = devicePem.CertificatePath,
            DeviceKeyPath = devicePem.KeyPath,
            CloudTrustAnchorPath = pki.CaCertificatePath,
            CloudNames = settings.CloudNames,
            CloudPort = _plan.HttpsPort,
            TelemetryPeriodMs = (int)settings.TelemetryPeriod.TotalMilliseconds,
            BootDelayMs = (int)settings.BootDelay.TotalMilliseconds,
        });
        var configPath = Path.Combine(rigDir, "device.json");
        await config.WriteAsync(configPath, ct);

        var dll = DeviceProgram.DllPath(settings.DeviceProject);
        _power = Drivers.Add(new VirtualPower(run, () => DeviceStartInfo(dll, configPath)), ReferenceDeviceDrivers.PowerName, dll);
        _owned.Add(_power);
        _restore = Drivers.Add(new FactoryImageRestore(stateDir, factoryDir, _power), ReferenceDeviceDrivers.RestoreName, factoryDir);

        var details = new JsonObject
        {
            ["subnet"] = _plan.Subnet,
            ["lab"] = _plan.Lab.ToString(),
            ["dut"] = _plan.Dut.ToString(),
            ["probe"] = _plan.Probe.ToString(),
            ["privilegedPorts"] = _plan.PrivilegedPorts,
            ["device"] = dll,
            ["serial"] = socat.HarnessEnd,
        };
        Describe(details);
        run.RecordRig(new JsonObject { [ReferenceDeviceOptions.Personality] = config.Personality, [ReferenceDeviceOptions.Slot] = _plan.Slot }, details);
    }

    public override async Task ResetToBaselineAsync(AttemptContext attempt, CancellationToken ct)
    {
        if (_power is null || _restore is null || _console is null || _lab is null)
            throw new InvalidOperationException($"the {Description.Kind} rig did not start");
        await _power.OffAsync(ct);
        _lab.ResetAll();
        await _restore.RestoreAsync(attempt, ct);
        SerialCursor.Begin(attempt, _console.Log);
        Lab.Steps.LabCursors.Begin(attempt, Drivers);
        await _power.OnAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        // the device is a process of the run: it never outlives it (no rig key leaves it on)
        if (_power is not null && _run is not null)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _power.OffAsync(deadline.Token);
                _run.Journal.Append(new Harness.Records.Note
                {
                    Text = "end of run: the DUT was powered off (its process SIGKILLed and reaped)",
                    Data = new JsonObject { ["dutPowerAtEnd"] = "off" },
                });
            }
            catch (OperationCanceledException)
            {
                // the run's process group still kills and reaps it
            }
        }
        // reverse order of start: device off first, then the console, the lab services; socat goes with the run's processes
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try
            {
                await _owned[i].DisposeAsync();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
            {
                // winding down must go on: the run's process reaping still kills what is left
            }
        }
        _owned.Clear();
        ReleaseAddresses();
        await base.DisposeAsync();
    }

    private static async Task CopyToRunEvidenceAsync(RunContext run, string file, string kind, CancellationToken ct)
    {
        await using var evidence = run.CreateRunEvidence(Path.GetFileNameWithoutExtension(file), "pem", kind, "application/x-pem-file");
        await evidence.WriteAsync(await File.ReadAllBytesAsync(file, ct), ct);
    }
}
