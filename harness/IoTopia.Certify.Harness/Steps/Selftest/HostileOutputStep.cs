using System.Text;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Text;

namespace IoTopia.Certify.Harness.Steps.Selftest;

[Step("selftest.hostile-output", "Acts as a device printing hostile bytes: markup, template syntax, ANSI, NUL, invalid UTF-8, a 1 MB line (engine self-test).")]
public sealed class HostileOutputStep : Step<HostileOutputStep.Arguments>
{
    public sealed class Arguments
    {
        public int LongLineBytes { get; init; } = 1024 * 1024;
    }

    public const string Markup = "<script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*7 }} {% raw %} [red]red[/] \u001b[31mANSI\u001b[0m \u001b]0;title\u0007 nul:\0:";

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes(Markup));
        bytes.AddRange([0xC3, 0x28, 0xFF, 0xFE, (byte)'\n']); // invalid UTF-8
        bytes.AddRange(Enumerable.Repeat((byte)'A', args.LongLineBytes));
        bytes.Add((byte)'\n');
        var raw = bytes.ToArray();
        await context.WriteEvidenceAsync("bin", "serial-raw", "application/octet-stream", raw, ct: ct);

        var text = DeviceText.Decode(raw);
        context.Details["banner"] = text;
        context.Details["headers"] = new JsonObject { ["X-Device"] = Markup };
        context.Measure(Records.Measurement.Equal("banner-marker", Markup, Markup));
        return StepOutcome.Pass($"the device printed {raw.Length} bytes: {DeviceText.Clip(text, 200)}") with
        {
            Expected = "anything",
            Observed = text,
        };
    }
}
