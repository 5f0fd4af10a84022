using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Processes;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.DutWeb;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Lab.Steps;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Bench;

/// <summary>
/// A bench's lab network at run time: takes the DUT-facing interface (its lab-side addresses added, a killed
/// run's removed), captures there filtered to the DUT, and runs the lab services the rig file lists, bound to
/// the lab's addresses on that interface. Resources for steps: the address plan, the DUT's network as the
/// probes reach it, and the network as the DUT's traffic is judged. Without root none of it can be made: the
/// kind has already left dns, dhcp, lab-http, time and capture out of the rig's capabilities, and the journal says why.
/// </summary>
internal sealed class BenchLab(BenchLabNetwork network, PhysicalAddress? dutMac, ManufacturerMud? mud, DutWebFacts web) : IDutNetwork, IAsyncDisposable
{
    private RunContext? _run;
    private InterfaceAddressLease? _lease;
    private LabServices? _services;
    private TestPki? _pki;

    public AddressPlan Plan { get; } = new(network.Layout);

    public IPAddress DutAddress => Plan.Dut;
    public IPAddress ProbeAddress => Plan.Probe;
    public string WebScheme => web.Scheme;
    public int WebPort => web.Port;
    public PhysicalAddress? DutMac => network.OnLoopback ? null : dutMac;
    public X509Certificate2Collection WebTrustRoots { get; private set; } = [];

    /// <summary>Whether the lab MUD server runs (it copies the manufacturer's files into the run itself).</summary>
    public bool ServesMud => _services?.Services.Any(s => s is ILabMud) == true;

    public async Task StartAsync(RunContext run, DriverRegistry drivers, RigResources resources, CancellationToken ct)
    {
        _run = run;
        resources.Set(Plan);
        resources.Set(network.Judging());
        resources.Set<IDutNetwork>(this);
        if (!Environment.IsPrivilegedProcess)
        {
            run.Journal.Append(new Note { Text = $"the bench's lab network on {network.Interface} needs root (ip addr, ports below 1024, dnsmasq, capture): its capture and lab services are not started; scenarios needing capture, dns, dhcp, lab-http or time are skipped (capability-missing)" });
            return;
        }
        _lease = await InterfaceAddressLease.AcquireAsync(network.Interface, Plan.Network, Plan.LabSideAddresses, run.Folder.Root, left => ReapAsync(run, left), ct);
        if (_lease.LeftByKilledRun is { } left)
            run.Journal.Append(new Note { Text = $"{network.Interface} was left by a killed run ({left.Run}): removed the {left.Added.Count} addresses it had added" });

        var capture = new LiveCapture(network.Interface, network.Target(dutMac));
        drivers.Add(capture, BenchLabNetwork.CaptureName, capture.InterfaceName);
        var services = network.CreateServices(dutMac, mud);
        if (services.Count > 0)
        {
            _pki = await TestPki.OpenAsync(network.PkiFolder, ct);
            WebTrustRoots = [_pki.CaCertificate];
            _services = new LabServices(services);
            await _services.StartAsync(new LabContext(run, Plan, _pki), ct);
            foreach (var service in _services.Services.Where(s => ProtocolCapabilities.Of(s.GetType()).Count > 0))
                drivers.Add(service, BenchLabNetwork.ServiceName(service.Name), Plan.Lab.ToString());
        }
    }

    /// <summary>What the rig's record in the journal says about the lab network.</summary>
    public JsonObject Describe() => new()
    {
        ["interface"] = network.Interface,
        ["subnet"] = Plan.Subnet,
        ["lab"] = Plan.Lab.ToString(),
        ["dut"] = Plan.Dut.ToString(),
        ["probe"] = Plan.Probe.ToString(),
        ["dutMac"] = DutMac is { } mac ? CaptureTarget.MacText(mac) : null,
        ["names"] = $"{Plan.Layout.Host(Plan.Layout.FirstNameHost)}–{Plan.Layout.Host(Plan.Layout.LastNameHost)}",
        ["localNetworks"] = new JsonArray(network.Judging().LocalNetworks.Select(n => (JsonNode?)n.ToString()).ToArray()),
        ["services"] = new JsonArray((_services?.Services ?? []).Select(s => (JsonNode?)s.Name).ToArray()),
        ["addressesAdded"] = new JsonArray((_lease?.Added ?? []).Select(a => (JsonNode?)a).ToArray()),
    };

    /// <summary>Before each scenario, while the DUT is off: the services back to their defaults, the attempt's view of their logs from here.</summary>
    public void Reset(AttemptContext attempt, DriverRegistry drivers)
    {
        _services?.ResetAll();
        LabCursors.Begin(attempt, drivers);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        _services = null;
        _pki?.Dispose();
        _pki = null;
        if (_lease is not null)
        {
            try
            {
                await _lease.DisposeAsync();
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                _run?.Journal.Append(new Note { Text = $"the lab's addresses on {network.Interface} could not be removed: {e.Message} (the next run on {network.Interface} removes them)" });
            }
            _lease = null;
        }
    }

    /// <summary>A killed run's services may still hold the lab's addresses and ports: its processes go first.</summary>
    private static async Task ReapAsync(RunContext run, InterfaceAddressLease.LeaseRecord left)
    {
        var journal = Path.Combine(left.Run, "journal.jsonl");
        if (!File.Exists(journal))
            return;
        var reaped = await Reaper.ReapAsync(JournalReader.Read(journal).Events, CancellationToken.None);
        if (reaped.Count > 0)
            run.Journal.Append(new Note { Text = $"reaped {reaped.Count} processes of the killed run {left.Run} on {left.Interface}" });
    }
}
