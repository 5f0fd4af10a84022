using System.Text;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

[Needs(typeof(IConsoleProtocol))]
[Step("serial.send", "Types text on the DUT's serial console, by default followed by Enter (CR).")]
public sealed class SerialSendStep : Step<SerialSendStep.Arguments>
{
    public const string Enter = "\r";

    public sealed class Arguments
    {
        [ShortForm]
        public required string Text { get; init; }

        public bool Newline { get; init; } = true;
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var console = context.Drivers.Get<IConsoleProtocol>();
        var bytes = Encoding.UTF8.GetBytes(args.Newline ? args.Text + Enter : args.Text);
        await console.SendAsync(bytes, ct);
        context.Details["bytes"] = bytes.Length;
        context.Details["text"] = DeviceText.Clip(SerialTextRenderer.Visible(args.Text), 1000);
        return StepOutcome.Pass($"sent {bytes.Length} bytes");
    }
}
