using System.Text.RegularExpressions;
using IoTopia.Certify.Mud.Tests.Flows;
using IoTopia.Certify.Mud.Tests.Support;

namespace IoTopia.Certify.Mud.Tests.CommandLine;

/// <summary>
/// The launcher runs <c>certify mud …</c> as the native build of the mud commands (IoTopia.Certify.Cli.Native): it must say
/// exactly what the managed CLI says — same stdout, stderr and exit code — on compliant, violating, JSON, broken and bad-argument inputs.
/// </summary>
public partial class NativeProgramTests
{
    [OneTimeSetUp]
    public void NeedsTheNativeBuild()
    {
        if (BuiltPrograms.Configuration != "Release")
            Assert.Ignore("the native build of the mud commands is made by Release builds only");
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        if (!Corpus.Has("tplink-tapo-p115.json") || !Corpus.Has("tplink-tapo-p115.pcap"))
        {
            // Assert.Ignore inside a case source would be reported as a failed test, not a skipped one.
            yield return new TestCaseData((object)Array.Empty<string>()).SetName("the shared corpus")
                .Ignore($"the shared MUD corpus is not here: {Corpus.Folder} lacks tplink-tapo-p115.json/.pcap (it lives in ../shared/mud-corpus beside the repository)");
            yield break;
        }
        string[] tapo = ["--mud", Corpus.File("tplink-tapo-p115.json"), "--pcap", Corpus.File("tplink-tapo-p115.pcap"), "--device-mac", CorpusFlowTests.TapoMac];
        yield return Case("check, compliant", ["mud", "check", .. tapo]);
        yield return Case("check, JSON", ["mud", "check", .. tapo, "--json"]);
        yield return Case("check, bad argument", ["mud", "check", .. tapo, "--local-network", "10.0.0.1/8"]);
        yield return Case("check, missing capture", ["mud", "check", "--mud", Corpus.File("tplink-tapo-p115.json"), "--pcap", "/nonexistent.pcap", "--device-mac", CorpusFlowTests.TapoMac]);
        yield return Case("validate", ["mud", "validate", Corpus.File("tplink-tapo-p115.json"), "--json"]);
        yield return Case("draft", ["mud", "draft", "--pcap", Corpus.File("tplink-tapo-p115.pcap"), "--device-mac", CorpusFlowTests.TapoMac]);
        yield return Case("help", ["mud", "check", "--help"]);
        yield return Case("unknown command", ["mud", "chek"]);
    }

    private static TestCaseData Case(string name, string[] args) => new TestCaseData((object)args).SetName(name);

    [TestCaseSource(nameof(Cases))]
    public async Task SaysWhatTheManagedProgramSays(string[] args) => await Same(args);

    [Test]
    public async Task ViolationsAndTruncationAlike()
    {
        using var folder = new TempFolder();
        var evil = Sensor.Compliant().Resolve("evil.example", ("evil.example", "A", "198.51.100.7")).DeviceConnects("198.51.100.7", 443).Write(folder);
        var cut = folder.Write("cut.pcap", Sensor.Compliant().Pcap()[..^3]);
        await Same(["mud", "check", "--mud", Sensor.MudPath, "--pcap", evil, "--device-mac", DeviceTraffic.DeviceMac]);
        await Same(["mud", "check", "--mud", Sensor.MudPath, "--pcap", cut, "--device-mac", DeviceTraffic.DeviceMac]);
    }

    private static async Task Same(string[] args)
    {
        var deadline = ExternalProgram.DefaultDeadline;
        var managed = await CertifyProgram.CollectAsync(CertifyProgram.StartManaged(args), deadline);
        var native = await CertifyProgram.CollectAsync(CertifyProgram.StartNativeMud(args), deadline);
        Assert.Multiple(() =>
        {
            Assert.That(native.ExitCode, Is.EqualTo(managed.ExitCode), native.ToString());
            Assert.That(Undated(native.Stdout), Is.EqualTo(Undated(managed.Stdout)));
            Assert.That(native.Stderr, Is.EqualTo(managed.Stderr));
            Assert.That(managed.Stdout.Length + managed.Stderr.Length, Is.GreaterThan(0), "both said something");
        });
    }

    /// <summary>A draft's last-update is the time it was made.</summary>
    private static string Undated(string text) => LastUpdate().Replace(text, "\"last-update\": \"…\"");

    [GeneratedRegex("\"last-update\": \"[^\"]*\"")]
    private static partial Regex LastUpdate();
}
