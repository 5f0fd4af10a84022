using System.Net;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Dhcp;

/// <summary>
/// The lab DHCP listener: UDP on the lab address's DHCP port. Records every message (type, client id,
/// chaddr, options 60, 12, 161 as text and every option in hex) as a line of
/// <c>evidence/_run/NNN-dhcp.jsonl</c>; answers a DHCPINFORM with a DHCPACK sent unicast to the
/// sender — never a broadcast. Leases no addresses: other message types are recorded, not answered.
/// </summary>
public sealed class LabDhcpListener : ILabDhcp
{
    private UdpServer? _server;
    private JsonLinesLog? _log;
    private LabContext? _lab;
    private volatile string? _lastMudUrl;

    public string Name => "dhcp";

    public IPEndPoint? Endpoint => _server?.Local;

    public string? EvidencePath => _log?.FullPath;

    public ObservationList<DhcpObservation> Messages { get; } = new();

    public string Channel => "the lab's DHCP listener (unicast DHCPINFORM)";

    /// <summary>The MUD URL (option 161) of the last message that carried one.</summary>
    public string? LastMudUrl => _lastMudUrl;

    public Task StartAsync(LabContext lab, CancellationToken ct)
    {
        if (_server is not null)
            throw new InvalidOperationException("the DHCP listener is already started");
        ct.ThrowIfCancellationRequested();
        _lab = lab;
        var endpoint = new IPEndPoint(lab.Addresses.Lab, lab.Addresses.DhcpPort);
        _server = UdpServer.Bind(Name, endpoint, lab.Addresses.Network);
        _log = new JsonLinesLog(lab.Run.CreateRunEvidence("dhcp", "jsonl", "dhcp-log", "application/jsonl"));
        _server.Start(HandleAsync, OnError);
        lab.Run.Journal.Append(new Note { Text = $"lab service dhcp listening on {endpoint}/udp", Data = new() { ["evidence"] = _log.RelativePath } });
        return Task.CompletedTask;
    }

    /// <summary>The first DHCPINFORM at index ≥ <paramref name="from"/> of <see cref="Messages"/>.</summary>
    public Task<DhcpObservation> WaitForInformAsync(CancellationToken ct, long from = 0) =>
        Messages.WaitForAsync(m => m.IsInform, from, ct);

    private async ValueTask HandleAsync(UdpDatagram datagram, CancellationToken ct)
    {
        if (!DhcpMessageParser.TryParse(datagram.Data.Span, out var message, out var error))
        {
            Record(new DhcpObservation { Time = datagram.Received, Client = datagram.From, Malformed = error }, datagram);
            return;
        }
        var seen = new DhcpObservation { Time = datagram.Received, Client = datagram.From, Message = message };
        if (seen.MudUrl is { } url)
            _lastMudUrl = url;
        seen = message!.Op != 1 ? seen with { Note = "a BOOTREPLY: not answered" }
            : !seen.IsInform ? seen with { Note = "the lab answers DHCPINFORM only (no leases)" }
            : !_server!.MayReplyTo(datagram.From) ? seen with { Note = "not answered: the client is outside the lab's networks" }
            : seen with { Answered = "DHCPACK" };
        // Evidence first: the line is written before the device can act on the answer.
        Record(seen, datagram);
        if (seen.Answered is not null)
            await _server!.ReplyAsync(DhcpAck.ForInform(message, _lab!.Addresses.Lab), datagram.From, ct);
    }

    private void Record(DhcpObservation seen, UdpDatagram datagram)
    {
        if (_log is not null)
            DhcpLogLine.Write(_log, seen, datagram.Data.Span);
        Messages.Add(seen);
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
