using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Steps;

[Step("lab.dhcp-inform", "Waits for the DUT's DHCPINFORM in this attempt and records its MUD URL (option 161).")]
public sealed class DhcpInformStep : Step<DhcpInformStep.Arguments>
{
    public sealed class Arguments
    {
        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>Require option 161 (the MUD URL).</summary>
        public bool MudUrl { get; init; } = true;
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var dhcp = context.Rig.Driver<LabServices>().Get<LabDhcpListener>();
        var dut = context.Rig.Driver<IDutNetwork>().DutAddress;
        var from = LabCursors.From(context.Attempt, LabCursors.Dhcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(args.Within);
        while (true)
        {
            var inform = dhcp.Messages.Since(from).FirstOrDefault(m => m.IsInform && m.Client.Address.Equals(dut));
            if (inform is not null)
            {
                var url = inform.MudUrl;
                context.Details["mudUrl"] = url is null ? null : DeviceText.Clip(url, 300);
                context.Details["client"] = inform.Client.ToString();
                if (url is null)
                    return args.MudUrl
                        ? StepOutcome.Fail("the DHCPINFORM carries no option 161 (MUD URL)", expected: "option 161", observed: "absent")
                        : StepOutcome.Pass("DHCPINFORM received");
                context.Measure(Measurement.Of("option-161-length", System.Text.Encoding.UTF8.GetByteCount(url), "octets", 1, 255));
                return StepOutcome.Pass($"DHCPINFORM with MUD URL {DeviceText.Clip(url, 200)}") with { Observed = url };
            }
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return StepOutcome.Fail($"no DHCPINFORM from {dut} within {args.Within.TotalSeconds:0}s", expected: "a DHCPINFORM", observed: "none");
            }
        }
    }
}
