using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Steps;

/// <summary>
/// Named for the virtual rig's unicast DHCPINFORM; it takes any DHCP client message of the DUT — on the
/// netns rig the broadcast DHCPDISCOVER and DHCPREQUEST read off the wire — matched by address or chaddr.
/// </summary>
[Needs(typeof(ILabDhcp))]
[Step("lab.dhcp-inform", "Waits for the DUT's first DHCP client message (DHCPINFORM, DHCPDISCOVER or DHCPREQUEST) in this attempt and records its MUD URL (option 161).")]
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
        var dhcp = context.Drivers.Get<ILabDhcp>();
        var network = context.Resources.Get<IDutNetwork>(context.Rig.Description.Name);
        var dut = network.DutAddress;
        var mac = network.DutMac;
        var from = LabCursors.From(context.Attempt, LabCursors.Dhcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(args.Within);
        while (true)
        {
            var seen = dhcp.Messages.Since(from).FirstOrDefault(m => m.IsClientMessage
                && (m.Client.Address.Equals(dut) || (mac is not null && mac.Equals(m.HardwareAddress))));
            if (seen is not null)
            {
                var type = DhcpMessageTypes.Name(seen.Message!.MessageType);
                var url = seen.MudUrl;
                context.Details["mudUrl"] = url is null ? null : DeviceText.Clip(url, 300);
                context.Details["client"] = seen.Client.ToString();
                context.Details["messageType"] = type;
                context.Details["chaddr"] = seen.HardwareAddress is { } chaddr ? CaptureTarget.MacText(chaddr) : null;
                context.Details["channel"] = dhcp.Channel;
                if (url is null)
                    return args.MudUrl
                        ? StepOutcome.Fail($"the {type} carries no option 161 (MUD URL)", expected: "option 161", observed: "absent")
                        : StepOutcome.Pass($"{type} received");
                context.Measure(Measurement.Of("option-161-length", System.Text.Encoding.UTF8.GetByteCount(url), "octets", 1, 255));
                return StepOutcome.Pass($"{type} with MUD URL {DeviceText.Clip(url, 200)}") with { Observed = url };
            }
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                var who = mac is null ? dut.ToString() : $"{dut} ({CaptureTarget.MacText(mac)})";
                return StepOutcome.Fail($"no DHCP message from {who} at {dhcp.Channel} within {args.Within.TotalSeconds:0}s",
                    expected: "a DHCPINFORM, DHCPDISCOVER or DHCPREQUEST", observed: "none");
            }
        }
    }
}
