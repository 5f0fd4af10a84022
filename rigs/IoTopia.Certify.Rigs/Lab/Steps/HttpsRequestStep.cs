using System.Text.Json;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Steps;

[Needs(typeof(ILabHttps))]
[Step("lab.https-request", "Waits for the DUT's request to the lab HTTPS host in this attempt (any, or to the host and path given; a path ending in /* matches everything under it) and records how it was answered.")]
public sealed class HttpsRequestStep : Step<HttpsRequestStep.Arguments>
{
    public sealed class Arguments
    {
        public string? Host { get; init; }
        public string? Path { get; init; }
        public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(30);
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var https = context.Drivers.Get<ILabHttps>();
        var dut = context.Resources.Get<IDutNetwork>(context.Rig.Description.Name).DutAddress;
        var from = LabCursors.From(context.Attempt, LabCursors.Https);
        var wanted = $"{args.Host ?? "any host"}{args.Path ?? ""}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(args.Within);
        while (true)
        {
            var seen = https.Requests.Since(from).Where(e => e.Request.Client.Address.Equals(dut)).ToList();
            var hit = seen.FirstOrDefault(e => Matches(e.Request, args));
            if (hit is not null)
            {
                var r = hit.Request;
                context.Details["request"] = JsonSerializer.SerializeToNode(new
                {
                    host = r.HostName, method = r.Method, path = DeviceText.Clip(r.Path, 300), time = r.Time,
                    route = hit.Route, status = hit.Status, problem = hit.Problem, bodySize = r.BodySize,
                });
                return StepOutcome.Pass($"the DUT sent {DeviceText.Clip(r.Method, 16)} {DeviceText.Clip(r.HostName + r.Path, 200)}, answered {hit.Status} by route {hit.Route}")
                    with { Observed = $"{r.Method} {r.HostName}{r.Path} -> {hit.Status}" };
            }
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                var observed = seen.Select(e => DeviceText.Clip($"{e.Request.HostName}{e.Request.Path}", 200)).Distinct().Take(10).ToList();
                context.Details["requests"] = JsonSerializer.SerializeToNode(observed);
                return StepOutcome.Fail($"no HTTPS request to {wanted} from {dut} within {args.Within.TotalSeconds:0}s",
                    expected: wanted, observed: observed.Count == 0 ? "none" : string.Join(", ", observed));
            }
        }
    }

    private static bool Matches(LabHttpRequest request, Arguments args) =>
        (args.Host is null || string.Equals(request.HostName, args.Host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
        && (args.Path is null || (args.Path.EndsWith("/*", StringComparison.Ordinal)
            ? request.Path.StartsWith(args.Path[..^1], StringComparison.Ordinal)
            : request.Path == args.Path));
}
