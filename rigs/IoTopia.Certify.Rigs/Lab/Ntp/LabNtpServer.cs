using System.Net;
using System.Text.Json;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Ntp;

/// <summary>
/// The lab's NTP server: UDP on the lab address's NTP port (123 with root, the plan's high port without), answering
/// client requests (mode 3, versions 1–4) in server mode from the host clock (<see cref="NtpResponse"/>: stratum 2,
/// reference id 127.127.1.0). Every datagram — answered, not answered (another mode or version, a peer outside the
/// lab's networks, the server silenced) or malformed — is one line of <c>evidence/_run/NNN-ntp.jsonl</c> and one
/// <see cref="NtpExchange"/>. Per scenario: <see cref="Configure"/> a shifted clock or silence until <see cref="Reset"/>;
/// both are lines of the log too.
/// </summary>
public sealed class LabNtpServer : IResettableLabService, ILabTime
{
    private readonly Lock _lock = new();
    private NtpServing _serving = NtpServing.HostClock;
    private UdpServer? _server;
    private JsonLinesLog? _log;

    public string Name => "ntp";

    public IPEndPoint? Endpoint => _server?.Local;

    public string? EvidencePath => _log?.FullPath;

    public ObservationList<NtpExchange> Exchanges { get; } = new();

    public NtpServing Serving
    {
        get
        {
            lock (_lock)
                return _serving;
        }
    }

    public void Configure(NtpServing serving)
    {
        lock (_lock)
            _serving = serving;
        _log?.Write(w =>
        {
            w.WriteString("event", "configure");
            w.WriteString("serving", serving.ToString());
        });
    }

    /// <summary>Back to the host clock, answering (a line of the log says so when it was configured otherwise).</summary>
    public void Reset()
    {
        NtpServing was;
        lock (_lock)
        {
            was = _serving;
            _serving = NtpServing.HostClock;
        }
        if (was == NtpServing.HostClock)
            return;
        _log?.Write(w =>
        {
            w.WriteString("event", "reset");
            w.WriteString("was", was.ToString());
        });
    }

    public Task StartAsync(LabContext lab, CancellationToken ct)
    {
        if (_server is not null)
            throw new InvalidOperationException("the NTP server is already started");
        ct.ThrowIfCancellationRequested();
        var endpoint = new IPEndPoint(lab.Addresses.Lab, lab.Addresses.NtpPort);
        _server = UdpServer.Bind(Name, endpoint, lab.Addresses.Network);
        _log = new JsonLinesLog(lab.Run.CreateRunEvidence("ntp", "jsonl", "ntp-log", "application/jsonl"));
        _server.Start(HandleAsync, OnError);
        lab.Run.Journal.Append(new Note { Text = $"lab service ntp listening on {endpoint}/udp (stratum {NtpResponse.Stratum}, the host clock)", Data = new() { ["evidence"] = _log.RelativePath } });
        return Task.CompletedTask;
    }

    private async ValueTask HandleAsync(UdpDatagram datagram, CancellationToken ct)
    {
        if (!NtpRequestParser.TryParse(datagram.Data.Span, out var request, out var error))
        {
            Record(new NtpExchange { Time = datagram.Received, Client = datagram.From, Malformed = error }, datagram);
            return;
        }
        var exchange = new NtpExchange { Time = datagram.Received, Client = datagram.From, Request = request };
        var serving = Serving;
        var refusal = request!.Mode != 3 ? $"not answered: mode {request.Mode} (only client requests, mode 3, are answered)"
            : request.Version is < 1 or > 4 ? $"not answered: version {request.Version} (1–4 are answered)"
            : !_server!.MayReplyTo(datagram.From) ? "not answered: the client is outside the lab's networks"
            : !serving.Answer ? "not answered: the server is silent (configured)"
            : null;
        if (refusal is not null)
        {
            Record(exchange with { Reason = refusal }, datagram);
            return;
        }
        var received = datagram.Received + serving.Offset;
        var transmit = DateTimeOffset.UtcNow + serving.Offset;
        var answer = NtpResponse.Build(request, received, transmit);
        // Evidence first: the line is written before the device can act on the answer.
        Record(exchange with { Served = transmit, Reason = $"served the {serving}" }, datagram);
        await _server!.ReplyAsync(answer, datagram.From, ct);
    }

    private void Record(NtpExchange exchange, UdpDatagram datagram)
    {
        _log?.Write(w =>
        {
            w.WriteString("client", LabPeers.Text(exchange.Client));
            if (exchange.Request is not { } request)
            {
                w.WriteString("event", "malformed");
                w.WriteString("reason", exchange.Malformed);
                w.WriteNumber("size", datagram.Data.Length);
                w.WriteString("hex", Convert.ToHexStringLower(datagram.Data.Span[..Math.Min(datagram.Data.Length, 64)]));
                return;
            }
            w.WriteString("event", "request");
            w.WriteNumber("version", request.Version);
            w.WriteNumber("mode", request.Mode);
            w.WriteNumber("size", request.Size);
            w.WriteString("clientTransmit", request.Transmit.ToString("x16"));
            if (exchange.Served is { } served)
                w.WriteString("served", served);
            else
                w.WriteNull("served");
            w.WriteString("reason", exchange.Reason);
        });
        Exchanges.Add(exchange);
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
