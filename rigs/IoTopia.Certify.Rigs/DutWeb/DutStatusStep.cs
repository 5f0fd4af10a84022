using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.DutWeb;

[Step("dut.status", "Reads the DUT's JSON status endpoint over https (or plain http, as the rig's dut.web-scheme says) from the probe address; optionally checks one field.")]
public sealed class DutStatusStep : Step<DutStatusStep.Arguments>
{
    public sealed class Arguments
    {
        public string Path { get; init; } = "/api/status";

        /// <summary>JSON pointer of a field to check, e.g. /firmware.</summary>
        public string? Pointer { get; init; }

        public string? Expect { get; init; }
        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(20);
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        if (context.Resources.Find<IDutNetwork>() is not { } network)
            return StepOutcome.Error($"rig '{context.Rig.Description.Name}' gives no address of the DUT to ask (a bench names it in drivers.lab or drivers.capture.dut-address)");
        var plain = network.WebScheme == DutWebFacts.Http;
        if (!plain && network.WebTrustRoots.Count == 0)
            return StepOutcome.Error($"rig '{context.Rig.Description.Name}' gives no roots the DUT's https certificate could chain to, so nothing it answers could be trusted (dut.web-scheme: http for a plain status page)");
        using var client = ProbeHttpClient.Create(network, TimeSpan.FromSeconds(5));
        var url = new Uri($"{(plain ? "http" : "https")}://{network.DutAddress}:{network.WebPort}{args.Path}");
        context.Details["url"] = url.ToString();
        context.Details["transport"] = plain
            ? "plain http: no TLS, nothing about the DUT's identity verified (dut.web-scheme: http)"
            : "https: the DUT's certificate chains to the rig's trust roots";
        var deadline = DateTimeOffset.UtcNow + args.Within;
        string? lastProblem = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
                var (body, truncated) = await ProbeHttpClient.ReadLimitedAsync(response, ct);
                await context.WriteEvidenceAsync("json", plain ? "plain-http-response" : "http-response", "application/json", body, plain ? "plain-http" : null, ct);
                if (truncated)
                    return StepOutcome.Fail($"the status document exceeds the {ProbeHttpClient.MaxResponseBytes} bytes the harness reads",
                        expected: $"at most {ProbeHttpClient.MaxResponseBytes} bytes", observed: "more");
                context.Details["status"] = (int)response.StatusCode;
                if (!response.IsSuccessStatusCode)
                    return StepOutcome.Fail($"{url} answered {(int)response.StatusCode}", expected: "200", observed: ((int)response.StatusCode).ToString());
                var outcome = Check(context, args, body);
                if (!plain || outcome.Verdict != Verdict.Pass)
                    return outcome;
                return outcome with { Reason = outcome.Reason.Length == 0 ? "over plain http: no TLS" : $"{outcome.Reason} (over plain http: no TLS)" };
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                lastProblem = e.Message;
            }
            if (DateTimeOffset.UtcNow >= deadline)
                return StepOutcome.Fail($"{url} did not answer within {args.Within.TotalSeconds:0}s: {DeviceText.Clip(lastProblem ?? "", 300)}",
                    expected: "a JSON status document", observed: "no answer");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private static StepOutcome Check(StepContext context, Arguments args, byte[] body)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(DeviceText.Decode(body, ProbeHttpClient.MaxResponseBytes));
        }
        catch (JsonException e)
        {
            throw new DeviceInputException($"the status document is not JSON: {e.Message}");
        }
        if (args.Pointer is null)
            return StepOutcome.Pass("the status endpoint answered with JSON");
        var value = Resolve(document, args.Pointer);
        context.Details["pointer"] = args.Pointer;
        context.Details["value"] = value is null ? null : DeviceText.Clip(value, 300);
        if (value is null)
            return StepOutcome.Fail($"the status document has no {args.Pointer}", expected: args.Pointer, observed: "absent");
        if (args.Expect is not null)
        {
            context.Measure(Measurement.Equal(args.Pointer, DeviceText.Clip(value, 300), args.Expect));
            return StepOutcome.Pass() with { Expected = args.Expect, Observed = value };
        }
        return StepOutcome.Pass($"{args.Pointer} = {DeviceText.Clip(value, 100)}") with { Observed = value };
    }

    private static string? Resolve(JsonNode? node, string pointer)
    {
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Replace("~1", "/").Replace("~0", "~");
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
        }
        return node switch
        {
            null => null,
            JsonValue v => v.ToString(),
            _ => node.ToJsonString(),
        };
    }
}
