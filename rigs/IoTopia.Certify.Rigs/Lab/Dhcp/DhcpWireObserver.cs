using System.Net;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Lab;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Dhcp;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Dhcp;

/// <summary>
/// The lab's DHCP observations where a real DHCP server (dnsmasq) answers: every BOOTP/DHCP packet on the
/// interface (UDP 67/68), captured for the whole run into <c>evidence/_run/NNN-dhcp.pcap</c>, parsed like
/// the lab's own listener parses what it receives, and logged the same way (<c>NNN-dhcp.jsonl</c>) —
/// dnsmasq does not log the options it receives, and option 161 is the point.
/// </summary>
public sealed class DhcpWireObserver(string interfaceName, CaptureTarget target) : ILabDhcp
{
    private const string Filter = "udp and (port 67 or port 68)";
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    private JsonLinesLog? _log;
    private ICaptureSession? _session;

    public string Name => "dhcp";

    public string Channel => $"the wire ({interfaceName}, beside dnsmasq)";

    public ObservationList<DhcpObservation> Messages { get; } = new();

    public async Task StartAsync(LabContext lab, CancellationToken ct)
    {
        var capture = new LiveCapture(interfaceName, target);
        if (capture.Unavailable is { } why)
            throw new LabServiceException(Name, why);
        _log = new JsonLinesLog(lab.Run.CreateRunEvidence("dhcp", "jsonl", "dhcp-log", "application/jsonl"));
        var pcap = lab.Run.CreateRunEvidence("dhcp", "pcap", "capture", "application/vnd.tcpdump.pcap");
        try
        {
            _session = await capture.StartAsync(pcap, new CaptureSettings(Filter, Observe), ct);
        }
        catch
        {
            await pcap.DisposeAsync();
            throw;
        }
        lab.Run.Journal.Append(new Note
        {
            Text = $"lab service dhcp reads DHCP off {interfaceName} ({Filter})",
            Data = new() { ["evidence"] = _log.RelativePath, ["pcap"] = pcap.RelativePath },
        });
    }

    private void Observe(CapturedPacket packet)
    {
        if (packet.Bootp is not { } payload)
            return;
        var client = new IPEndPoint(packet.Source ?? IPAddress.Any, packet.SourcePort ?? 0);
        var to = $"{packet.Destination}:{packet.DestinationPort}";
        var seen = DhcpMessageParser.TryParse(payload, out var message, out var error)
            ? new DhcpObservation { Time = packet.Time, Client = client, Message = message, Note = $"on {interfaceName} to {to}" }
            : new DhcpObservation { Time = packet.Time, Client = client, Malformed = error, Note = $"on {interfaceName} to {to}" };
        if (_log is not null)
            DhcpLogLine.Write(_log, seen, payload);
        Messages.Add(seen);
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            using var deadline = new CancellationTokenSource(StopDeadline);
            await _session.StopAsync(deadline.Token);
            await _session.DisposeAsync();
            _session = null;
        }
        _log?.Dispose();
    }
}
