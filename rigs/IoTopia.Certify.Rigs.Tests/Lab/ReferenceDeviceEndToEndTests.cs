using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Processes;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Lab.Pki;
using IoTopia.Certify.Rigs.Tests.Lab.Support;
using IoTopia.Certify.Rigs.Virtual;

namespace IoTopia.Certify.Rigs.Tests.Lab;

/// <summary>
/// The real reference device (its own process, serial console on a socat pty) against the real lab
/// services: its DNS query, its DHCPINFORM with the MUD URL and its telemetry POST (with its
/// certificate's MUD URL) arrive and are logged; with <c>mud-violation</c> also the name its MUD file does not allow.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReferenceDeviceEndToEndTests
{
    private const string MudUrl = "https://mud.lab.example/rd-1.json";
    private const string CloudName = "telemetry.cloud.example";
    private const string TrackerName = "tracker.ads.example";
    private const string Serial = "RD1-LAB-0001";

    private LabTestRun? _run;
    private LabServices? _services;
    private SocatPair? _pty;
    private SerialTail? _serial;
    private OwnedProcess? _device;
    private readonly StringBuilder _stderr = new();

    [TearDown]
    public async Task TearDown()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            await TestContext.Out.WriteLineAsync($"serial tail:\n{_serial?.Tail()}\ndevice stderr:\n{Stderr()}");
            foreach (var path in new[] { _services?.Get<LabDnsResolver>().EvidencePath, _services?.Get<LabDhcpListener>().EvidencePath })
            {
                if (path is not null && File.Exists(path))
                    await TestContext.Out.WriteLineAsync($"{Path.GetFileName(path)}:\n{File.ReadAllText(path)}");
            }
        }
        if (_device is not null)
            await _device.DisposeAsync();
        if (_serial is not null)
            await _serial.DisposeAsync();
        if (_pty is not null)
            await _pty.Process.DisposeAsync();
        if (_services is not null)
            await _services.DisposeAsync();
        if (_run is not null)
            await _run.DisposeAsync();
    }

    [TestCase("compliant", 205)]
    [TestCase("mud-violation", 206)]
    public async Task TheDevicesQueriesInformAndTelemetryArriveAndAreLogged(string personality, int slot)
    {
        Socat.Require();
        var dll = await ReferenceDeviceBuild.EnsureAsync();
        _run = await LabTestRun.CreateAsync(slot);
        var plan = _run.Plan;
        using var deadline = new CancellationTokenSource(Deadlines.Device);
        _services = new LabServices([new LabDnsResolver(), new LabDhcpListener(), new LabHttpsHost()]);
        await _services.StartAsync(_run.Lab, deadline.Token);
        var dns = _services.Get<LabDnsResolver>();
        var dhcp = _services.Get<LabDhcpListener>();
        var https = _services.Get<LabHttpsHost>();

        _pty = await Socat.StartAsync(_run.Host.Run, _run.RigFolder, deadline.Token);
        _serial = SerialTail.Open(_pty.HarnessEnd);
        _device = _run.Host.Run.StartProcess(DeviceStart(dll, WriteConfig(personality)));
        _device.Process.ErrorDataReceived += (_, e) => AppendStderr(e.Data);
        _device.Process.BeginErrorReadLine();

        var inform = await dhcp.WaitForInformAsync(deadline.Token);
        var query = await dns.WaitForQueryAsync(CloudName, 0, deadline.Token);
        var first = await https.WaitForRequestAsync(CloudName, "/telemetry", 0, deadline.Token);
        var second = await https.WaitForRequestAsync(CloudName, "/telemetry", https.Requests.Count, deadline.Token);
        await _serial.WaitForAsync($"[net] DHCPACK from {plan.Lab}:{plan.DhcpPort}", deadline.Token);
        if (personality == "mud-violation")
        {
            var trackerQuery = await dns.WaitForQueryAsync(TrackerName, 0, deadline.Token);
            var trackerPost = await https.WaitForRequestAsync(TrackerName, "/telemetry", 0, deadline.Token);
            Assert.Multiple(() =>
            {
                Assert.That(trackerQuery.Answer, Is.EqualTo(plan.Names[TrackerName]), "the lab resolver answers the name the MUD file does not allow");
                Assert.That(trackerPost.Request.Local.Address, Is.EqualTo(plan.Names[TrackerName]));
                Assert.That(trackerPost.Status, Is.EqualTo(200));
            });
        }
        else
        {
            Assert.That(dns.Exchanges.Since(0).Select(e => e.HostName), Has.None.EqualTo(TrackerName),
                "two telemetry rounds and the compliant device never asked for the tracker");
        }

        var telemetry = JsonNode.Parse(first.Request.Body.Span)!;
        Assert.Multiple(() =>
        {
            Assert.That(inform.MudUrl, Is.EqualTo(MudUrl));
            Assert.That(inform.Answered, Is.EqualTo("DHCPACK"));
            Assert.That(inform.Client.Address, Is.EqualTo(plan.Dut));
            Assert.That(inform.VendorClass, Is.EqualTo("IoTopia-RD:RD-1"));
            Assert.That(dhcp.LastMudUrl, Is.EqualTo(MudUrl));
            Assert.That(query.Client.Address, Is.EqualTo(plan.Dut));
            Assert.That(query.Answer, Is.EqualTo(plan.Names[CloudName]));
            Assert.That(first.Request.Method, Is.EqualTo("POST"));
            Assert.That(first.Request.Sni, Is.EqualTo(CloudName));
            Assert.That(first.Request.Client.Address, Is.EqualTo(plan.Dut));
            Assert.That(first.Status, Is.EqualTo(200));
            Assert.That((string?)telemetry["serial"], Is.EqualTo(Serial));
            Assert.That(first.Request.ClientCertificate?.MudUrl, Is.EqualTo(MudUrl), "the device offered its lab-issued certificate with id-pe-mud-url");
            Assert.That(first.Request.ClientCertificate?.ChainsToLabCa, Is.True);
            Assert.That(second.Request.Time, Is.GreaterThan(first.Request.Time));
        });

        await _device.DisposeAsync(); // power off before reading the logs whole
        _device = null;
        await _services.DisposeAsync();
        var dnsLines = JsonLines.Read(dns.EvidencePath ?? EvidenceFile("dns"));
        Assert.Multiple(() =>
        {
            Assert.That(dnsLines.Where(l => l.Text("qname") == CloudName).Select(l => l.Text("answer")), Has.All.EqualTo(plan.Names[CloudName].ToString()));
            Assert.That(JsonLines.Read(EvidenceFile("dhcp")).Select(l => l.Text("mudUrl")), Has.Member(MudUrl));
            Assert.That(JsonLines.Read(EvidenceFile("https")).Where(l => l.Text("path") == "/telemetry")
                .Select(l => l.GetProperty("clientCertificate").Text("mudUrl")), Has.All.EqualTo(MudUrl));
        });
    }

    private string WriteConfig(string personality)
    {
        var plan = _run!.Plan;
        var pkiDir = Path.Combine(_run.RigFolder, "pki");
        using var credential = _run.Pki.IssueDevice(new DeviceCertificateRequest
        {
            Model = "RD-1", SerialNumber = Serial, Address = plan.Dut, MudUrl = MudUrl,
        });
        var device = credential.WritePem(pkiDir, "device");
        var anchor = Path.Combine(pkiDir, "lab-ca.pem");
        File.Copy(_run.Pki.PublicFiles().Single(), anchor);
        var config = new JsonObject
        {
            ["configVersion"] = 1,
            ["model"] = "RD-1",
            ["serialNumber"] = Serial,
            ["firmwareVersion"] = "1.0.0",
            ["personality"] = personality,
            ["stateDir"] = Path.Combine(_run.RigFolder, "state"),
            ["serialDevice"] = _pty!.DeviceEnd,
            ["ipAddress"] = plan.Dut.ToString(),
            ["labAddress"] = plan.Lab.ToString(),
            ["labDnsPort"] = plan.DnsPort,
            ["labDhcpPort"] = plan.DhcpPort,
            ["webHttpsPort"] = plan.DutWebPort,
            ["mudUrl"] = MudUrl,
            ["deviceCertPath"] = device.CertificatePath,
            ["deviceKeyPath"] = device.KeyPath,
            ["cloudTrustAnchorPath"] = anchor,
            ["cloudNames"] = new JsonArray(CloudName),
            ["cloudPort"] = plan.HttpsPort,
            ["telemetryPeriodMs"] = 300,
            ["bootDelayMs"] = 0,
        };
        var path = Path.Combine(_run.RigFolder, "device.json");
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static ProcessStartInfo DeviceStart(string dll, string config)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(config);
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    private string EvidenceFile(string name) =>
        Directory.GetFiles(Path.Combine(_run!.Host.Folder.Evidence, "_run"), $"*-{name}.jsonl").Single();

    private void AppendStderr(string? line)
    {
        if (line is null)
            return;
        lock (_stderr)
        {
            if (_stderr.Length < 64 * 1024)
                _stderr.AppendLine(line);
        }
    }

    private string Stderr()
    {
        lock (_stderr)
            return _stderr.ToString();
    }
}
