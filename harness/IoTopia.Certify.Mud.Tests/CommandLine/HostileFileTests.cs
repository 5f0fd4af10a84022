using IoTopia.Certify.Mud.Tests.Flows;
using IoTopia.Certify.Mud.Tests.Support;

namespace IoTopia.Certify.Mud.Tests.CommandLine;

/// <summary>
/// Files that are not what they claim — a FIFO with no writer, a link to an endless device, a folder as --out —
/// are bad input (exit 3) naming the file, never a hang, an exhausted memory or a crash.
/// </summary>
public class HostileFileTests
{
    private static string Fifo(TempFolder folder, string name) => TestKit.Fifo.Create(folder.Sub(name));

    [Test]
    public async Task AFifoGivenToValidateIsBadInput()
    {
        using var folder = new TempFolder();
        var fifo = Fifo(folder, "mud.json");
        var result = await CertifyProgram.RunAsync("mud", "validate", fifo);
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain(fifo).And.Contain("not a regular file"));
    }

    [Test]
    public async Task AFifoGivenAsTheMudFileOfCheckIsBadInput()
    {
        using var folder = new TempFolder();
        var pcap = Sensor.Compliant().Write(folder);
        var result = await CertifyProgram.RunAsync("mud", "check", "--mud", Fifo(folder, "mud.json"), "--pcap", pcap, "--device-mac", DeviceTraffic.DeviceMac);
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain("not a regular file"));
    }

    [Test]
    public async Task ASignatureLinkedToDevZeroIsBadInput()
    {
        using var folder = new TempFolder();
        var p7s = folder.Sub("mud.p7s");
        File.CreateSymbolicLink(p7s, "/dev/zero");
        using var key = System.Security.Cryptography.ECDsa.Create();
        using var anchorCertificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Anchor", key, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var anchor = folder.Write("anchor.pem", anchorCertificate.ExportCertificatePem());
        var result = await CertifyProgram.RunAsync("mud", "validate", Glow40.Path, "--signature", p7s, "--trust-anchor", anchor, "--ignore-time");
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain(p7s).And.Contain("not a regular file"));
    }

    [Test]
    public async Task AFifoGivenAsATrustAnchorIsBadInput()
    {
        using var folder = new TempFolder();
        var p7s = folder.Write("mud.p7s", "x");
        var result = await CertifyProgram.RunAsync("mud", "validate", Glow40.Path, "--signature", p7s, "--trust-anchor", Fifo(folder, "anchor.pem"));
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain("anchor.pem").And.Contain("not a regular file"));
    }

    [TestCase("folder")]
    [TestCase("missing-parent")]
    public async Task DraftOutThatCannotBeWrittenIsBadInput(string which)
    {
        using var folder = new TempFolder();
        var pcap = Sensor.Compliant().DeviceConnects("192.168.1.20", 8080).Write(folder);
        var output = which == "folder" ? Directory.CreateDirectory(folder.Sub("a-folder")).FullName : folder.Sub("no/such/dir/draft.json");
        var result = await CertifyProgram.RunAsync("mud", "draft", "--pcap", pcap, "--device-mac", DeviceTraffic.DeviceMac, "--out", output);
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain($"--out {output}"));
    }

    private static string ViolatingCapture(TempFolder folder) =>
        Sensor.Compliant().Resolve("evil.example", ("evil.example", "A", "198.51.100.7")).DeviceConnects("198.51.100.7", 443).Write(folder);

    private static string[] CheckArguments(string pcap) => ["mud", "check", "--mud", Sensor.MudPath, "--pcap", pcap, "--device-mac", DeviceTraffic.DeviceMac];

    [Test]
    public async Task ACaptureOnStandardInputIsJudgedAsTheSameFileIs()
    {
        using var folder = new TempFolder();
        var pcap = ViolatingCapture(folder);
        var fromFile = await CertifyProgram.RunAsync(CheckArguments(pcap));
        using var process = CertifyProgram.Start(CheckArguments("-"));
        await process.StandardInput.BaseStream.WriteAsync(await File.ReadAllBytesAsync(pcap));
        process.StandardInput.Close();
        var fromStdin = await CertifyProgram.CollectAsync(process, ExternalProgram.DefaultDeadline);
        Assert.That(fromFile.ExitCode, Is.EqualTo(1), "the control: the violating capture fails");
        Assert.That(fromStdin.ExitCode, Is.EqualTo(fromFile.ExitCode), fromStdin.ToString());
        Assert.That(fromStdin.Stdout, Is.EqualTo(fromFile.Stdout.Replace(pcap, "-")), "the same report, naming the capture -");
    }

    [Test]
    public async Task ACaptureThroughAPipeIsReadWithoutSeeking()
    {
        // what --pcap <(zcat capture.pcap.gz) gives: a pipe that cannot seek, written while it is read
        using var folder = new TempFolder();
        var pcap = ViolatingCapture(folder);
        var fifo = Fifo(folder, "pipe.pcap");
        var writer = Task.Run(async () =>
        {
            await using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            await pipe.WriteAsync(await File.ReadAllBytesAsync(pcap));
        });
        var result = await CertifyProgram.RunAsync(CheckArguments(fifo));
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("VIOLATIONS: 1").And.Contain("verdict: violations"));
    }

    [Test]
    public async Task AGarbledCaptureOnStandardInputIsBadInputNamingIt()
    {
        using var process = CertifyProgram.Start(CheckArguments("-"));
        await process.StandardInput.BaseStream.WriteAsync("not a capture at all, just text"u8.ToArray());
        process.StandardInput.Close();
        var result = await CertifyProgram.CollectAsync(process, ExternalProgram.DefaultDeadline);
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain("standard input"));
    }
}
