using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Mud.Validation;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

[Needs(typeof(ILabMud))]
[Needs(typeof(ICaptureProtocol), Optional = true)]
[Needs(typeof(ILabDns), Optional = true)]
[Needs(typeof(ILabDhcp), Optional = true)]
[Needs(typeof(ILabHttps), Optional = true)]
[Step("intent.mud-file", "IOT-INT-02: fetches the MUD file at the URL the DUT emits on its source channel, through the lab (TLS, lab resolver); expects application/mud+json, a valid file, and its mud-url equal to the emitted URL.")]
public sealed class MudFileStep : Step<MudFileStep.Arguments>
{
    public sealed class Arguments : IValidatableArguments
    {
        /// <summary>The channel whose MUD URL is fetched: the rig's <c>dut.mud-url-source</c>.</summary>
        public MudUrlSource Source { get; init; } = MudUrlSource.Dhcp;

        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(30);

        public IEnumerable<string> Validate()
        {
            if (Within <= TimeSpan.Zero)
                yield return "within: must be longer than zero";
        }
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        if (RigDrivers.Lab<ILabMud>(context) is not { } server)
            return StepOutcome.Error($"rig '{context.Rig.Description.Name}' has no lab MUD server: the MUD file cannot be fetched through the lab");
        const string expected = "the MUD file at the emitted URL, over TLS, as application/mud+json, valid, its mud-url equal to the emitted URL";
        var source = MudFileSource.ArgumentName(args.Source);
        context.Details["source"] = source;
        var emitted = await SourceUrl.WaitAsync(context, args.Source, args.Within, ct);
        if (emitted.Url is null)
        {
            var why = $"no MUD URL on the source channel {source}: {emitted.Note}";
            return emitted.Active ? StepOutcome.Fail($"the DUT emitted no MUD URL on {source}", expected, why) : StepOutcome.Inconclusive(why, expected, "no MUD URL");
        }
        var emittedUrl = emitted.Url.Url;
        context.Details["emittedUrl"] = DeviceText.Clip(emittedUrl, 300);
        context.Details["emittedVia"] = emitted.Url.Via;
        if (!Uri.TryCreate(emittedUrl, UriKind.Absolute, out var url))
            return StepOutcome.Fail($"the emitted MUD URL '{DeviceText.Clip(emittedUrl, 200)}' is not an absolute URL", expected, emittedUrl);

        var fetch = await LabMudFetch.GetAsync(context, url, server.TlsTrustRoots, LabMudServer.MaxFileBytes, ct);
        context.Details["fetch"] = fetch.ToJson();
        if (fetch.LabProblem is { } lab)
            return StepOutcome.Error(lab);
        if (fetch.DeviceProblem is { } device)
            return StepOutcome.Fail($"the MUD file at {DeviceText.Clip(emittedUrl, 200)} cannot be fetched: {device}", expected, DeviceText.Clip(emittedUrl, 300));
        if (fetch.Body.Length > 0)
            context.Details["fileEvidence"] = await IntentEvidence.BytesAsync(context, "mud-file", "json", MudMediaTypes.MudFile, fetch.Body, ct);
        var checkedFile = ServedBy.Describe(server, fetch, "mud-file");
        context.Details["checked"] = checkedFile;

        var failures = new List<string>();
        if (fetch.Status != 200)
            failures.Add($"{DeviceText.Clip(emittedUrl, 200)} answered HTTP {fetch.Status}");
        if (fetch.Status == 200 && fetch.MediaType != MudMediaTypes.MudFile)
            failures.Add($"served as '{DeviceText.Clip(fetch.ContentType ?? "(no Content-Type)", 100)}', not {MudMediaTypes.MudFile}");
        if (fetch.Truncated)
            failures.Add($"larger than {LabMudServer.MaxFileBytes} bytes");
        if (fetch.Status == 200 && !fetch.Truncated)
            await JudgeFileAsync(context, fetch.Body, emittedUrl, failures, ct);

        var observed = $"HTTP {fetch.Status}, {DeviceText.Clip(fetch.ContentType ?? "no Content-Type", 100)}, {fetch.Body.Length} bytes; {checkedFile}";
        return failures.Count > 0
            ? StepOutcome.Fail(DeviceText.Clip(string.Join("; ", failures), 1500), expected, observed)
            : StepOutcome.Pass($"the MUD file at {DeviceText.Clip(emittedUrl, 200)} is valid, served as {MudMediaTypes.MudFile} over TLS, and names the emitted URL; checked: {checkedFile}") with
            {
                Expected = expected,
                Observed = observed,
            };
    }

    private static async Task JudgeFileAsync(StepContext context, byte[] body, string emittedUrl, List<string> failures, CancellationToken ct)
    {
        var validation = MudValidator.Validate("mud-file.json", body);
        context.Details["validationEvidence"] = await IntentEvidence.JsonAsync(context, "mud-validation", ValidationJson.Build(validation), ct);
        context.Details["validation"] = ValidationJson.Build(validation, ValidationJson.MaxInDetails);
        if (!validation.IsValid)
        {
            var errors = validation.Problems.Where(p => p.IsError).Take(5).Select(p => $"line {p.Line} {p.Rule}: {DeviceText.Clip(p.Message, 200)}");
            failures.Add($"the MUD file is invalid ({validation.ErrorCount} errors): {string.Join("; ", errors)}");
        }
        var fileUrl = validation.Mud?.MudUrl;
        context.Details["mudUrlInFile"] = fileUrl is null ? null : DeviceText.Clip(fileUrl, 300);
        if (fileUrl is not null && !string.Equals(fileUrl, emittedUrl, StringComparison.Ordinal))
            failures.Add($"its mud-url {DeviceText.Clip(fileUrl, 200)} is not the emitted URL {DeviceText.Clip(emittedUrl, 200)}");
        else if (fileUrl is null && validation.Mud is not null && validation.IsValid)
            failures.Add("the file has no mud-url");
        context.Details["sameUrl"] = JsonValue.Create(fileUrl is not null && string.Equals(fileUrl, emittedUrl, StringComparison.Ordinal));
    }
}
