using System.Net;
using System.Text.Json;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Dns;

/// <summary>
/// The lab resolver: UDP on the lab address's DNS port, answering A queries for any host name with
/// the name's address in the run's plan. Every datagram — answered, refused or dropped as
/// malformed — is one line of <c>evidence/_run/NNN-dns.jsonl</c> and one <see cref="DnsExchange"/>.
/// Per scenario: <see cref="Configure"/> how a name is answered (NXDOMAIN, REFUSED, no answer, an
/// address …) until <see cref="Reset"/>; both are lines of the log too, so it reads in order.
/// Behind a forwarder (<see cref="LabDnsResolverOptions"/>) it listens on its own port and records each forwarded
/// query as the query of the client the forwarder names.
/// </summary>
public sealed class LabDnsResolver(LabDnsResolverOptions? options = null) : IResettableLabService, ILabDns
{
    private readonly LabDnsResolverOptions _options = options ?? new LabDnsResolverOptions();
    private readonly DnsAnswerer _answerer = new();
    private UdpServer? _server;
    private JsonLinesLog? _log;
    private LabContext? _lab;

    public string Name => "dns";

    /// <summary>Where it listens, once started.</summary>
    public IPEndPoint? Endpoint => _server?.Local;

    /// <summary>The full path of its evidence log, once started.</summary>
    public string? EvidencePath => _log?.FullPath;

    public ObservationList<DnsExchange> Exchanges { get; } = new();

    public IReadOnlyCollection<string> Blocked => _answerer.Blocked;

    /// <summary>The names configured for this scenario and their answers.</summary>
    public IReadOnlyDictionary<string, DnsNameAnswer> Configured => _answerer.Configured;

    /// <summary>Answers NXDOMAIN for <paramref name="name"/> (any type) until <see cref="Reset"/>.</summary>
    public void Block(string name) => Configure(name, new DnsNameAnswer(DnsAnswerKind.Nxdomain));

    /// <summary>Answers <paramref name="name"/> (any type) with <paramref name="answer"/> until <see cref="Reset"/>.</summary>
    public void Configure(string name, DnsNameAnswer answer)
    {
        if (answer.Address is not null && _lab is not null && !_lab.Addresses.Contains(answer.Address))
            throw new ArgumentException($"{answer.Address} is outside the run's subnet {_lab.Addresses.Subnet}: the lab never sends the DUT elsewhere", nameof(answer));
        var configured = _answerer.Configure(name, answer);
        _log?.Write(w =>
        {
            w.WriteString("event", "configure");
            w.WriteString("name", configured);
            w.WriteString("answer", answer.ToString());
        });
    }

    /// <summary>Back to the run's defaults: every configured name forgotten (a line of the log says which).</summary>
    public void Reset()
    {
        var forgotten = _answerer.Reset();
        if (forgotten.Count == 0)
            return;
        _log?.Write(w =>
        {
            w.WriteString("event", "reset");
            w.WriteStartArray("names");
            foreach (var name in forgotten)
                w.WriteStringValue(name);
            w.WriteEndArray();
        });
    }

    public Task StartAsync(LabContext lab, CancellationToken ct)
    {
        if (_server is not null)
            throw new InvalidOperationException("the resolver is already started");
        ct.ThrowIfCancellationRequested();
        _lab = lab;
        var endpoint = new IPEndPoint(lab.Addresses.Lab, _options.Port ?? lab.Addresses.DnsPort);
        _server = UdpServer.Bind(Name, endpoint, lab.Addresses.Network);
        _log = new JsonLinesLog(lab.Run.CreateRunEvidence("dns", "jsonl", "dns-log", "application/jsonl"));
        _server.Start(HandleAsync, OnError);
        lab.Run.Journal.Append(new Note { Text = $"lab service dns listening on {endpoint}/udp", Data = new() { ["evidence"] = _log.RelativePath } });
        return Task.CompletedTask;
    }

    /// <summary>The first query for <paramref name="hostName"/> at index ≥ <paramref name="from"/> of <see cref="Exchanges"/>.</summary>
    public Task<DnsExchange> WaitForQueryAsync(string hostName, long from, CancellationToken ct) =>
        Exchanges.WaitForAsync(e => string.Equals(e.HostName, hostName.TrimEnd('.'), StringComparison.OrdinalIgnoreCase), from, ct);

    private async ValueTask HandleAsync(UdpDatagram datagram, CancellationToken ct)
    {
        if (!DnsQueryParser.TryParse(datagram.Data.Span, out var query, out var error))
        {
            Record(new DnsExchange { Time = datagram.Received, Client = datagram.From, Malformed = error }, datagram);
            return;
        }
        var decision = _answerer.Decide(query!, _lab!.Addresses);
        var forwarded = _options.Forwarder is { } forwarder && forwarder.Equals(datagram.From.Address) && query!.ClientSubnet is not null;
        var exchange = new DnsExchange
        {
            Time = datagram.Received,
            Client = forwarded ? new IPEndPoint(query!.ClientSubnet!, 0) : datagram.From,
            Via = forwarded ? datagram.From : null,
            Id = query!.Id,
            QName = query.NameText,
            HostName = DnsNameText.AsHostName(query.Labels),
            QType = query.QType,
            Rcode = decision.Reply ? decision.Rcode : null,
            Answer = decision.Address,
            Reason = decision.Reason,
        };
        if (!_server!.MayReplyTo(datagram.From))
        {
            Record(exchange with { Reason = "not answered: the client is outside the lab's networks" }, datagram);
            return;
        }
        // Evidence first: the line is written before the device can act on the answer.
        Record(exchange, datagram);
        if (!decision.Reply)
            return;
        await _server!.ReplyAsync(DnsResponse.Build(query, datagram.Data.Span, decision.Rcode, decision.Address), datagram.From, ct);
    }

    private void Record(DnsExchange exchange, UdpDatagram datagram)
    {
        _log?.Write(w =>
        {
            w.WriteString("client", LabPeers.Text(exchange.Client));
            if (exchange.Via is not null)
                w.WriteString("via", LabPeers.Text(exchange.Via));
            if (exchange.Malformed is not null)
            {
                w.WriteString("event", "malformed");
                w.WriteString("reason", exchange.Malformed);
                w.WriteNumber("size", datagram.Data.Length);
                w.WriteString("hex", Convert.ToHexStringLower(datagram.Data.Span[..Math.Min(datagram.Data.Length, 64)]));
                return;
            }
            w.WriteString("event", "query");
            w.WriteNumber("id", exchange.Id);
            w.WriteString("qname", exchange.QName);
            w.WriteString("qtype", DnsTypes.Name(exchange.QType));
            WriteAnswer(w, exchange);
        });
        Exchanges.Add(exchange);
    }

    private static void WriteAnswer(Utf8JsonWriter w, DnsExchange exchange)
    {
        if (exchange.Answer is null)
            w.WriteNull("answer");
        else
            w.WriteString("answer", exchange.Answer.ToString());
        if (exchange.Rcode is { } rcode)
            w.WriteString("rcode", rcode.ToString().ToUpperInvariant());
        else
            w.WriteNull("rcode"); // dropped unanswered, as configured
        if (exchange.Reason is not null)
            w.WriteString("reason", exchange.Reason);
    }

    private void OnError(Exception e) => _log?.WriteError(e);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        _log?.Dispose();
        _server = null;
    }
}
