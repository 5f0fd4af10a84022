using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Mud;
using IoTopia.Certify.Mud.Signature;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

[Needs(typeof(ILabMud), Optional = true)]
[Needs(typeof(ICaptureProtocol), Optional = true)]
[Needs(typeof(ILabDns), Optional = true)]
[Needs(typeof(ILabDhcp), Optional = true)]
[Needs(typeof(ILabHttps), Optional = true)]
[Step("intent.mud-signature", "IOT-INT-03: fetches the MUD file's mud-signature through the lab and verifies the detached CMS signature over the file's exact bytes, chained to the manufacturer's trust anchor the rig gives (time validity checked unless waived, and reported); the URL the DUT announces (lab DHCP, or its DHCP on the wire) must be the file's mud-url and the statement's.")]
public sealed class MudSignatureStep : Step<MudSignatureStep.Arguments>
{
    public const int MaxSignatureBytes = 256 * 1024;

    public sealed class Arguments : IValidatableArguments
    {
        public MudUrlSource Source { get; init; } = MudUrlSource.Dhcp;

        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>Waive the certificates' validity periods (reported as waived).</summary>
        public bool IgnoreTime { get; init; }

        /// <summary>Judge validity periods as of this time (ISO 8601, e.g. 2026-01-01T00:00:00Z) instead of now.</summary>
        public string? At { get; init; }

        public IEnumerable<string> Validate()
        {
            if (Within <= TimeSpan.Zero)
                yield return "within: must be longer than zero";
            if (At is not null && !DateTimeOffset.TryParse(At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                yield return $"at: '{At}' is not a time such as 2026-01-01T00:00:00Z";
            if (At is not null && IgnoreTime)
                yield return "give at most one of ignore-time: and at:";
        }

        public TimeCheck Time() =>
            IgnoreTime ? TimeCheck.Waived()
            : At is not null ? TimeCheck.AsOf(DateTimeOffset.Parse(At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))
            : TimeCheck.Now();
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        const string expected = "a DER detached CMS signature at the file's mud-signature that verifies over its exact bytes, signer with digitalSignature, chained to the manufacturer's anchor";
        var manufacturer = RigDrivers.Resource<ManufacturerMud>(context) ?? RigDrivers.Lab<ILabMud>(context)?.Publication;
        if (manufacturer is null)
            return StepOutcome.Error($"rig '{context.Rig.Description.Name}' names no manufacturer MUD publication (drivers.mud)");
        var lookup = await MudFileSource.GetAsync(context, args.Source, args.Within, ct);
        if (lookup.File is { } found)
        {
            context.Details["checked"] = found.Checked;
            context.Details["fileEvidence"] = await IntentEvidence.BytesAsync(context, "mud-file", "json", MudMediaTypes.MudFile, found.Bytes, ct);
        }
        if (lookup.Mismatch is { } mismatch)
            return StepOutcome.Fail(DeviceText.Clip($"the MUD file the DUT points to is not its manufacturer's signed file: {mismatch}", 1500),
                "the URL the DUT announces is the mud-url of its manufacturer's signed MUD file (and the statement's)", (string?)context.Details["announcedUrl"]);
        if (lookup.Stop is { } stop)
            return stop with { Expected = expected };
        var file = lookup.File!;
        if (file.Validation.Mud is not { } mud)
            return StepOutcome.Inconclusive("the MUD file is not a readable MUD file: its mud-signature cannot be read (IOT-INT-02 judges the file)", expected, file.Checked);

        var (signature, problem) = await SignatureAsync(context, file, mud.MudSignature, manufacturer, ct);
        if (signature is null)
            return problem!;
        context.Details["signatureEvidence"] = await IntentEvidence.BytesAsync(context, "mud-signature", "p7s", MudMediaTypes.Signature, signature, ct);

        if (manufacturer.TrustAnchor is not { } anchorPath)
            return StepOutcome.Error($"rig '{context.Rig.Description.Name}' names no manufacturer trust anchor to verify the MUD signature against (drivers.mud.trust-anchor)");
        X509Certificate2Collection anchors;
        byte[] anchorBytes;
        try
        {
            anchorBytes = await ManufacturerMudEvidence.ReadAsync(anchorPath, ct);
            anchors = TrustAnchorLoader.LoadBytes(anchorBytes, anchorPath);
        }
        catch (Exception e) when (e is MudInputException or IOException)
        {
            return StepOutcome.Error($"the manufacturer's trust anchor: {e.Message}");
        }
        context.Details["anchorEvidence"] = await IntentEvidence.BytesAsync(context, "trust-anchor", "pem", "application/x-pem-file", anchorBytes, ct);
        context.Details["trustAnchor"] = new JsonArray(anchors.Select(a => (JsonNode?)a.Subject).ToArray());

        var device = RigDrivers.Resource<IDutNetwork>(context) is { } network ? await ProbeCertificate.ReadAsync(network, ct) : null;
        context.Details["deviceCertificate"] = device?.Certificate?.Subject ?? $"not read ({device?.Problem ?? "no probe route"}): id-pe-mudsigner not compared";
        var report = MudSignatureVerifier.Verify(file.Bytes, signature, new MudSignatureOptions
        {
            TrustAnchors = anchors,
            DeviceCertificate = device?.Certificate,
            Time = args.Time(),
        });
        var json = Report(report);
        context.Details["reportEvidence"] = await IntentEvidence.JsonAsync(context, "signature-report", json, ct);
        context.Details["verification"] = json;
        var observed = $"signer {DeviceText.Clip(report.Signer ?? "none", 200)}; time validity {report.TimeValidity}";
        if (report.Valid && lookup.Untied is { } untied)
            return StepOutcome.Inconclusive($"the signature verifies and chains to the manufacturer's anchor, but {untied}", expected, observed);
        return report.Valid
            ? StepOutcome.Pass($"the signature verifies and chains to the manufacturer's anchor; time validity {report.TimeValidity}; checked: {file.Checked}") with { Expected = expected, Observed = observed }
            : StepOutcome.Fail(DeviceText.Clip($"the MUD signature does not verify: {string.Join("; ", report.Failures)}", 1500), expected, observed);
    }

    /// <summary>The signature's bytes, or the outcome when there is none to verify.</summary>
    private static async Task<(byte[]? Signature, StepOutcome? Stop)> SignatureAsync(StepContext context, CheckedMudFile file, string? signatureUrl, ManufacturerMud manufacturer, CancellationToken ct)
    {
        const string expected = "the MUD file's signature";
        if (file.Url is null)
        {
            // an offline bench: the signature the rig names
            if (manufacturer.Signature is not { } path)
                return (null, StepOutcome.Fail("the MUD file is unsigned: the manufacturer published no signature for it (the rig names none)", expected, "none"));
            try
            {
                return (await ManufacturerMudEvidence.ReadAsync(path, ct), null);
            }
            catch (IOException e)
            {
                return (null, StepOutcome.Error(e.Message));
            }
        }
        if (signatureUrl is null)
            return (null, StepOutcome.Fail("the MUD file names no mud-signature: it is unsigned", expected, "no mud-signature leaf"));
        context.Details["signatureUrl"] = DeviceText.Clip(signatureUrl, 300);
        if (!Uri.TryCreate(signatureUrl, UriKind.Absolute, out var url))
            return (null, StepOutcome.Fail($"the mud-signature '{DeviceText.Clip(signatureUrl, 200)}' is not an absolute URL", expected, signatureUrl));
        var server = RigDrivers.Lab<ILabMud>(context)!;
        var fetch = await LabMudFetch.GetAsync(context, url, server.TlsTrustRoots, MaxSignatureBytes, ct);
        context.Details["signatureFetch"] = fetch.ToJson();
        if (fetch.LabProblem is { } lab)
            return (null, StepOutcome.Error(lab));
        if (fetch.DeviceProblem is { } device)
            return (null, StepOutcome.Fail($"the signature at {DeviceText.Clip(signatureUrl, 200)} cannot be fetched: {device}", expected, signatureUrl));
        if (fetch.Status != 200)
        {
            var unsigned = manufacturer.Signature is null ? ": the MUD file is unsigned (its manufacturer published no signature)" : "";
            return (null, StepOutcome.Fail($"no signature at {DeviceText.Clip(signatureUrl, 200)}: HTTP {fetch.Status}{unsigned}", expected, $"HTTP {fetch.Status}"));
        }
        if (fetch.Truncated)
            return (null, StepOutcome.Fail($"the signature at {DeviceText.Clip(signatureUrl, 200)} is larger than {MaxSignatureBytes} bytes", expected, "too large"));
        if (fetch.MediaType != MudMediaTypes.Signature)
            return (null, StepOutcome.Fail($"the signature is served as '{DeviceText.Clip(fetch.ContentType ?? "(no Content-Type)", 100)}', not {MudMediaTypes.Signature}", MudMediaTypes.Signature, fetch.ContentType));
        context.Details["signatureChecked"] = ServedBy.Describe(server, fetch, "mud-signature");
        return (fetch.Body, null);
    }

    private static JsonObject Report(MudSignatureReport report) => new()
    {
        ["valid"] = report.Valid,
        ["failures"] = new JsonArray(report.Failures.Select(f => (JsonNode?)DeviceText.Clip(f, 600)).ToArray()),
        ["notes"] = new JsonArray(report.Notes.Select(n => (JsonNode?)DeviceText.Clip(n, 600)).ToArray()),
        ["signer"] = report.Signer is null ? null : DeviceText.Clip(report.Signer, 300),
        ["chain"] = new JsonArray(report.Chain.Select(c => (JsonNode?)DeviceText.Clip(c, 300)).ToArray()),
        ["timeValidity"] = report.TimeValidity,
        ["timeWaived"] = report.TimeWaived,
    };
}
