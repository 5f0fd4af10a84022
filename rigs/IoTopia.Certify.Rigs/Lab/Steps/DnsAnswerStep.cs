using System.Net.Sockets;
using System.Net;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Steps;

[Needs(typeof(ILabDns))]
[Step("lab.dns-answer", "Makes the lab resolver answer a name so for this scenario: nxdomain, refused, servfail, no-data, no-answer (dropped) or address; the next scenario's baseline restores the default. Later lab.dns-query steps see the queries from here on.")]
public sealed class DnsAnswerStep : Step<DnsAnswerStep.Arguments>
{
    public sealed class Arguments : IValidatableArguments
    {
        public required string Name { get; init; }
        public required DnsAnswerKind Answer { get; init; }

        /// <summary>With <c>answer: address</c>: an IPv4 address inside the run's subnet.</summary>
        public string? Address { get; init; }

        public IEnumerable<string> Validate()
        {
            if (!HostNames.IsValid(Name))
                yield return $"name: '{Name}' is not a host name";
            if (Answer == DnsAnswerKind.Address && Address is null)
                yield return "address: required with answer: address";
            if (Answer != DnsAnswerKind.Address && Address is not null)
                yield return "address: only with answer: address";
            if (Address is not null && !(IPAddress.TryParse(Address, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork))
                yield return $"address: '{Address}' is not an IPv4 address";
        }
    }

    protected override Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var dns = context.Drivers.Get<ILabDns>();
        var answer = new DnsNameAnswer(args.Answer, args.Address is null ? null : IPAddress.Parse(args.Address));
        try
        {
            dns.Configure(args.Name, answer);
        }
        catch (ArgumentException e)
        {
            return Task.FromResult(StepOutcome.Error($"lab.dns-answer: {e.Message}"));
        }
        LabCursors.MoveToEnd(context.Attempt, LabCursors.Dns, dns.Exchanges.Count);
        var name = HostNames.Normalize(args.Name);
        context.Details["name"] = name;
        context.Details["answer"] = answer.ToString();
        return Task.FromResult(StepOutcome.Pass($"the lab resolver answers {name} with {answer} for this scenario"));
    }
}
