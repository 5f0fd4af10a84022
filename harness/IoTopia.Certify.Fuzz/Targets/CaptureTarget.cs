using IoTopia.Certify.Cli.Commands;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Mutation;
using IoTopia.Certify.Mud.Draft;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Validation;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Capture;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>
/// The capture reader (pcap, pcapng), the packet decoder and flow collection, through <see cref="CaptureInput"/>;
/// then what <c>mud check</c> and <c>mud draft</c> do with the result: judge the flows against a MUD file, print
/// the report as text and JSON, draft a MUD file — which must itself be valid. A truncated or garbled capture is
/// reported as <see cref="CaptureFormatException"/> (carried in the analysis, or thrown).
/// </summary>
public sealed class CaptureTarget(string root) : IFuzzTarget
{
    private const string OurDevice = "02:00:00:00:00:02";
    private const string TapoDevice = "40:ae:30:46:6e:a8";

    private readonly Workspace _workspace = new();
    private readonly Dictionary<string, MudFile?> _muds = new(StringComparer.Ordinal);

    public string Name => "pcap";

    public string Extension => ".pcap";

    public Dialect Dialect => Dialect.Binary;

    public IReadOnlyList<Seed> Seeds(SeedCorpus corpus) => corpus.Captures();

    public void Run(byte[] input, Seed origin)
    {
        var path = _workspace.Write(input, Extension);
        try
        {
            var settings = SettingsFor(origin);
            var capture = CaptureInput.Analyze(path, settings);
            if (MudFor(origin) is { } mud)
            {
                var report = FlowJudge.Judge(mud, capture, settings);
                var request = new MudCheckRequest("mud.json", path, settings);
                MudCheckOutput.WriteText(TextWriter.Null, report, request);
                MudCheckOutput.WriteJson(TextWriter.Null, report, request);
            }
            if (capture.Error is null && capture.DevicePacketsSent > 0)
            {
                var draft = MudDrafter.Draft(capture, settings, null, DateTimeOffset.UnixEpoch);
                var validation = MudValidator.Validate("draft", draft.Json);
                if (!validation.IsValid)
                    throw new InvalidDataException("mud draft wrote an invalid MUD file: " + string.Join("; ", validation.Problems.Take(5)));
            }
            // Judged and reported up to where the capture broke, as mud check does; counted as refused.
            if (capture.Error is { } error)
                throw error;
        }
        finally
        {
            Workspace.Remove(path);
        }
    }

    public bool IsOwnError(Exception e) => e is CaptureFormatException;

    // The reader holds one chunk of 1 MiB (grown to a block's size at most); flows and names grow with the input.
    public long MaxAllocatedBytes(byte[] input) => 64L * 1024 * 1024 + 256L * input.Length;

    private static CheckSettings SettingsFor(Seed origin)
    {
        var device = origin.Name.Contains("raw-ip", StringComparison.Ordinal)
            ? DeviceSelector.ByIp(IpAddr.From(System.Net.IPAddress.Parse("192.168.1.2")))
            : DeviceSelector.ByMac(Mac(origin.Name.StartsWith("tplink-tapo", StringComparison.Ordinal) ? TapoDevice : OurDevice));
        return new CheckSettings { Device = device };
    }

    private static MacAddr Mac(string text) => MacAddr.TryParse(text, out var mac) ? mac : throw new InvalidOperationException(text);

    /// <summary>The MUD file beside a shared seed (tplink-tapo-p115.json), else our flows fixture.</summary>
    private MudFile? MudFor(Seed origin)
    {
        var beside = Path.ChangeExtension(origin.Path, ".json");
        var file = File.Exists(beside) ? beside : Path.Combine(root, "harness", "IoTopia.Certify.Mud.Tests", "Fixtures", "flows-sensor.json");
        lock (_muds)
        {
            if (!_muds.TryGetValue(file, out var mud))
                _muds[file] = mud = File.Exists(file) ? MudValidator.ValidateFile(file) is { IsValid: true } v ? v.Mud : null : null;
            return mud;
        }
    }

    public void Dispose() => _workspace.Dispose();
}
