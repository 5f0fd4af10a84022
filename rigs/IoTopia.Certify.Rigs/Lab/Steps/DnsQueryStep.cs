using System.Text.Json;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Steps;

[Needs(typeof(ILabDns))]
[Step("lab.dns-query", "Waits for the DUT to ask the lab resolver a name (any name, or the one given) in this attempt.")]
public sealed class DnsQueryStep : Step<DnsQueryStep.Arguments>
{
    public sealed class Arguments
    {
        public string? Name { get; init; }
        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(30);
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var dns = context.Drivers.Get<ILabDns>();
        var dut = context.Resources.Get<IDutNetwork>(context.Rig.Description.Name).DutAddress;
        var from = LabCursors.From(context.Attempt, LabCursors.Dns);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(args.Within);
        while (true)
        {
            var seen = dns.Exchanges.Since(from).Where(e => e.Client.Address.Equals(dut) && e.Malformed is null).ToList();
            var hit = seen.FirstOrDefault(e => args.Name is null || string.Equals(e.HostName, args.Name, StringComparison.OrdinalIgnoreCase));
            if (hit is not null)
            {
                context.Details["query"] = JsonSerializer.SerializeToNode(new { name = DeviceText.Clip(hit.QName, 300), type = hit.QType, answer = hit.Answer?.ToString(), rcode = hit.Rcode?.ToString().ToUpperInvariant(), reason = hit.Reason, time = hit.Time });
                return StepOutcome.Pass($"the DUT asked for {DeviceText.Clip(hit.QName, 100)}") with { Observed = hit.QName };
            }
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                context.Details["names"] = JsonSerializer.SerializeToNode(seen.Select(e => DeviceText.Clip(e.QName, 200)).Distinct().Take(50));
                return StepOutcome.Fail($"no DNS query {(args.Name is null ? "" : $"for {args.Name} ")}from {dut} within {args.Within.TotalSeconds:0}s",
                    expected: args.Name ?? "any query", observed: seen.Count == 0 ? "none" : string.Join(", ", seen.Select(e => e.QName).Distinct().Take(10)));
            }
        }
    }
}
