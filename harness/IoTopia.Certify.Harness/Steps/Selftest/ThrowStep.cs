using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Steps.Selftest;

[Step("selftest.throw", "Throws: a lab fault (error), or a parse failure of device input (fail or inconclusive) (engine self-test).")]
public sealed class ThrowStep : Step<ThrowStep.Arguments>
{
    public sealed class Arguments
    {
        public bool DeviceInput { get; init; }
        public Verdict DeviceVerdict { get; init; } = Verdict.Fail;
    }

    protected override Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        if (!args.DeviceInput)
            throw new IOException("lab port busy (scripted)");
        try
        {
            System.Text.Json.JsonDocument.Parse("{\"status\": [1, 2");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new DeviceInputException($"bad status JSON from the device: {e.Message}", args.DeviceVerdict, e);
        }
        return Task.FromResult(StepOutcome.Pass());
    }
}
