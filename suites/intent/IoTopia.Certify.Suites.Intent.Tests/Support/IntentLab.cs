using System.Net;
using System.Net.Sockets;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Mud.Signature;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Lab.Pki;
using IoTopia.Certify.Rigs.Lab.Steps;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Tests.Lab.Support;

namespace IoTopia.Certify.Suites.Intent.Tests.Support;

/// <summary>
/// A lab for the intent steps on a test slot (high ports, no root needed): resolver, DHCP listener, HTTPS host
/// and the MUD server with a signed publication of <see cref="MudUrl"/>; a step host on an <see cref="LabTestRig"/>;
/// and the DUT's side played by the test (DHCPINFORMs, TLS with a client certificate) from the DUT's address.
/// </summary>
internal sealed class IntentLab : IAsyncDisposable
{
    public const string MudHost = "mud.intent.example";
    public const string MudUrl = $"https://{MudHost}/rd-1.json";
    public const string SignatureUrl = $"https://{MudHost}/rd-1.p7s";

    private readonly string _folder;
    private uint _xid = 1;

    private IntentLab(string folder, TestPki pki, ManufacturerAuthority manufacturer, AddressPlan plan, StepHost host, LabTestRig rig, LabServices lab, LabHttpsHost https)
    {
        _folder = folder;
        Pki = pki;
        Manufacturer = manufacturer;
        Plan = plan;
        Host = host;
        Rig = rig;
        Services = lab;
        Https = https;
    }

    public TestPki Pki { get; }
    public ManufacturerAuthority Manufacturer { get; }
    public AddressPlan Plan { get; }
    public StepHost Host { get; }
    public LabTestRig Rig { get; }
    public LabServices Services { get; }
    public LabHttpsHost Https { get; }
    public string Folder => _folder;

    public static async Task<IntentLab> StartAsync(int slot)
    {
        var folder = Directory.CreateTempSubdirectory("intent-lab-").FullName;
        var pki = await TestPki.OpenAsync(Path.Combine(folder, "pki"), CancellationToken.None);
        var manufacturer = await pki.OpenManufacturerAsync(CancellationToken.None);
        var plan = new AddressPlan(slot, privilegedPorts: false);
        var rig = new LabTestRig(plan, [pki.CaCertificate]);
        var host = StepHost.Create(rig, new StepRegistry(typeof(MudUrlStep).Assembly, typeof(DnsQueryStep).Assembly));
        using var signer = manufacturer.IssueMudSigner("intent test MUD signer");
        var file = TestMud.File(MudUrl, SignatureUrl);
        var publication = new ManufacturerMud
        {
            MudFile = Write(folder, "rd-1.json", file),
            Signature = Write(folder, "rd-1.p7s", MudFileSigner.Sign(file, signer.Certificate)),
            TrustAnchor = manufacturer.AnchorPath,
            Origin = "the intent test publication",
        };
        var https = new LabHttpsHost();
        var lab = new LabServices([new LabDnsResolver(), new LabDhcpListener(), https, new LabMudServer(https, publication)]);
        await lab.StartAsync(new LabContext(host.Run, plan, pki), CancellationToken.None);
        rig.Lab = lab;
        rig.Mud = publication;
        return new IntentLab(folder, pki, manufacturer, plan, host, rig, lab, https);
    }

    public byte[] PublishedFile => File.ReadAllBytes(Rig.Mud!.MudFile);

    /// <summary>A new attempt's view of the lab: steps see only what the DUT does from now on.</summary>
    public void BeginAttempt() => LabCursors.Begin(Host.Attempt, Rig.Drivers);

    public Task<StepRecord> RunAsync(string step, object arguments) => Host.RunStepAsync(step, arguments, TimeSpan.FromSeconds(40));

    /// <summary>The DUT's DHCPINFORM with option 161 carrying <paramref name="mudString"/> (split into 255-octet options as RFC 3396 allows).</summary>
    public async Task SendInformAsync(byte[] mudString)
    {
        var options = new List<(byte, byte[])> { (53, [8]), (60, "IoTopia-RD:RD-1"u8.ToArray()) };
        for (var at = 0; at < mudString.Length; at += 255)
            options.Add((161, mudString[at..Math.Min(mudString.Length, at + 255)]));
        var message = DhcpWire.Build(_xid++, Plan.Dut, options);
        using var udp = new UdpClient(new IPEndPoint(Plan.Dut, 0));
        await udp.SendAsync(message, new IPEndPoint(Plan.Lab, Plan.DhcpPort));
        using var deadline = new CancellationTokenSource(Deadlines.Reply);
        await Services.Get<LabDhcpListener>().Messages.WaitForAsync(m => m.Message?.Xid == _xid - 1, 0, deadline.Token);
    }

    public Task SendInformAsync(string url) => SendInformAsync(System.Text.Encoding.ASCII.GetBytes(url));

    /// <summary>A request from the DUT to a lab cloud name, showing a device certificate that carries <paramref name="mudUrl"/>.</summary>
    public async Task ShowCertificateAsync(string mudUrl)
    {
        using var device = Pki.IssueDevice(new DeviceCertificateRequest { Model = "RD-1", SerialNumber = "RD1-0042", Address = Plan.Dut, MudUrl = mudUrl });
        using var client = new LabHttpsClient(Plan.Dut, name => Plan.AddressFor(name)!, device.Certificate);
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"https://{TestMud.Cloud}:{Plan.HttpsPort}/telemetry"));
    }

    /// <summary>Serves <paramref name="content"/> as <paramref name="mediaType"/> (or 404 when null) at a URL of the lab HTTPS host, until disposed.</summary>
    public IDisposable Serve(string url, byte[]? content, string mediaType)
    {
        var uri = new Uri(url);
        return Https.Map(uri.Host, uri.AbsolutePath, async (_, response, ct) =>
        {
            if (content is null)
            {
                response.StatusCode = 404;
                return;
            }
            response.ContentType = mediaType;
            await response.Body.WriteAsync(content, ct);
        });
    }

    public static string EvidenceText(StepHost host, StepRecord step, string label) =>
        File.ReadAllText(Path.Combine(host.Folder.Root, step.Evidence.Single(e => e.Path.Contains($"-{label}.", StringComparison.Ordinal)).Path));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Host.DisposeAsync();
        Manufacturer.Dispose();
        Pki.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Write(string folder, string name, byte[] content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
