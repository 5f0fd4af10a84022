using System.Diagnostics;
using System.Text;
using IoTopia.Certify.Harness.Processes;
using System.Net;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Addressing;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Dhcp;

/// <summary>
/// dnsmasq as the DHCP (and DNS) server on the DUT-facing link (the netns rig's <c>lab0</c>, a bench's
/// <c>drivers.lab.interface</c>), an owned child of the run with no system configuration
/// (<c>--conf-file=/dev/null</c>, no resolv.conf, no hosts, no cache, no upstream), bound to the lab address
/// only (<c>--bind-interfaces</c>): it leases the DUT its fixed address over real broadcast DHCP — to the DUT's
/// MAC when the rig knows it, else the one address of the range to the one DUT on the link — with no router
/// option (the DUT gets no way out), and answers DNS by forwarding to the lab resolver, naming the asking
/// client in an EDNS Client Subnet option (or serves no DNS at all), and names the lab's NTP server (option 42) when
/// it runs. Its own log (every query, every DHCP
/// message and option sent) is run evidence <c>evidence/_run/NNN-dnsmasq.log</c>.
/// </summary>
public sealed class DnsmasqService(DnsmasqOptions options) : ILabService
{
    private const long MaxLogBytes = 64L * 1024 * 1024;
    private static readonly TimeSpan ReaderDeadline = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _recent = new();
    private readonly Lock _lock = new();
    private OwnedProcess? _process;
    private EvidenceFile? _log;
    private Task _reader = Task.CompletedTask;
    private long _dropped;

    public string Name => "dnsmasq";

    public string? EvidencePath => _log?.FullPath;

    public async Task StartAsync(LabContext lab, CancellationToken ct)
    {
        var plan = lab.Addresses;
        var info = new ProcessStartInfo("dnsmasq") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in Arguments(plan, Path.Combine(lab.Run.Folder.Rig, "dnsmasq.leases")))
            info.ArgumentList.Add(a);
        _log = lab.Run.CreateRunEvidence("dnsmasq", "log", "dnsmasq-log", "text/plain");
        try
        {
            _process = lab.Run.StartProcess(info);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LabServiceException(Name, "dnsmasq is not installed (apt-get install dnsmasq; ./certify installs it when run as root)", e);
        }
        _ = _process.Process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _reader = Task.Run(() => ReadLogAsync(_process.Process.StandardError));
        var exited = _process.WaitForExitAsync(ct);
        if (await Task.WhenAny(_ready.Task, exited) != _ready.Task)
        {
            ct.ThrowIfCancellationRequested();
            await _reader.WaitAsync(ReaderDeadline, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw new LabServiceException(Name, $"dnsmasq exited ({(_process.HasExited ? _process.Process.ExitCode : "?")}) before it started: {Recent()}");
        }
        lab.Run.Journal.Append(new Note
        {
            Text = $"lab service dnsmasq on {options.Interface}: DHCP for {(options.DutMac is { } mac ? CaptureTarget.MacText(mac) : "the DUT")} → {plan.Dut}, "
                + (options.ResolverPort is { } port ? $"DNS on {plan.Lab}:{plan.DnsPort} forwarding to {plan.Lab}:{port}" : "no DNS")
                + (options.ServesNtp ? $", NTP server {plan.Lab} (option 42)" : ""),
            Data = new() { ["evidence"] = _log.RelativePath },
        });
    }

    /// <summary>dnsmasq's command line for <paramref name="plan"/>: no system configuration, the lab address only, no upstream.</summary>
    public IReadOnlyList<string> Arguments(AddressPlan plan, string leases)
    {
        var mask = Mask(plan.Network.PrefixLength);
        List<string> arguments =
        [
            "--keep-in-foreground",
            "--conf-file=/dev/null",
            "--no-resolv",
            "--no-hosts",
            "--cache-size=0",
            "--log-queries",
            "--log-dhcp",
            "--log-facility=-",          // stderr, read into the run's evidence
            "--user=root",
            "--group=root",
            "--pid-file=",
            "--bind-interfaces",
            $"--listen-address={plan.Lab}",
        ];
        if (options.ResolverPort is { } resolverPort)
        {
            arguments.Add($"--port={plan.DnsPort}");
            arguments.Add($"--server={plan.Lab}#{resolverPort}"); // the lab resolver, nothing upstream
            arguments.Add("--add-subnet=32");                    // the resolver sees which client asked
        }
        else
            arguments.Add("--port=0");                           // DHCP only
        if (options.DutMac is { } mac)
        {
            arguments.Add($"--dhcp-range={plan.Dut},static,{mask},1h");
            arguments.Add($"--dhcp-host={CaptureTarget.MacText(mac)},{plan.Dut}");
        }
        else
            arguments.Add($"--dhcp-range={plan.Dut},{plan.Dut},{mask},1h"); // one address: the one DUT on the link
        arguments.Add("--dhcp-authoritative");
        arguments.Add("--dhcp-option=option:router");                      // no default route for the DUT
        arguments.Add(options.ResolverPort is null ? "--dhcp-option=option:dns-server" : $"--dhcp-option=option:dns-server,{plan.Lab}");
        if (options.ServesNtp)
            arguments.Add($"--dhcp-option=option:ntp-server,{plan.Lab}");  // option 42: the lab's NTP server
        arguments.Add($"--dhcp-leasefile={leases}");
        return arguments;
    }

    private static string Mask(int prefixLength)
    {
        var bits = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        return $"{bits >> 24}.{(bits >> 16) & 255}.{(bits >> 8) & 255}.{bits & 255}";
    }

    private async Task ReadLogAsync(StreamReader stderr)
    {
        while (await stderr.ReadLineAsync() is { } line)
        {
            lock (_lock)
            {
                _recent.Enqueue(line.Length > 500 ? line[..500] : line);
                while (_recent.Count > 20)
                    _recent.Dequeue();
                var bytes = Encoding.UTF8.GetBytes(line + "\n");
                if (_log is { } log && log.Length + bytes.Length <= MaxLogBytes)
                    log.Write(bytes);
                else
                    _dropped++;
            }
            if (line.Contains("started, version", StringComparison.Ordinal))
                _ready.TrySetResult();
        }
    }

    private string Recent()
    {
        lock (_lock)
            return _recent.Count == 0 ? "(it said nothing)" : string.Join(" | ", _recent);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync(); // SIGKILL and reap: its leases and log are already written
        await _reader.WaitAsync(ReaderDeadline).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_lock)
        {
            if (_dropped > 0 && _log is not null)
                _log.Write(Encoding.UTF8.GetBytes($"[harness] {_dropped} further lines not kept: the log reached {MaxLogBytes} bytes\n"));
            _log?.Dispose();
            _log = null;
        }
    }
}
