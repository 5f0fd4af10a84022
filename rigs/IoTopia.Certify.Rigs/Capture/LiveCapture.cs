using SharpPcap;
using SharpPcap.LibPcap;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>
/// Captures with libpcap (SharpPcap) on a named interface: <c>lo</c> for the virtual rig, the veth inside
/// the rig's namespace, a bench NIC. Each session opens the interface afresh with its own BPF filter.
/// </summary>
public sealed class LiveCapture(string interfaceName, CaptureTarget target, LiveCaptureOptions? options = null) : ICaptureProtocol
{
    private readonly Lazy<string?> _unavailable = new(() => Probe(interfaceName, options ?? new()));

    public string InterfaceName { get; } = interfaceName;
    public CaptureTarget Target { get; } = target;
    public LiveCaptureOptions Options { get; } = options ?? new();

    /// <summary>Checked once, by opening the interface: no libpcap, no such interface, or no rights.</summary>
    public string? Unavailable => _unavailable.Value;

    public Task<ICaptureSession> StartAsync(EvidenceFile pcap, CaptureSettings settings, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (Unavailable is { } why)
            throw new CaptureUnavailableException(why);
        var device = Find(InterfaceName) ?? throw new CaptureUnavailableException(NoSuchInterface(InterfaceName));
        try
        {
            Open(device, Options);
            try
            {
                device.Filter = settings.Filter;
            }
            catch (PcapException e)
            {
                throw new ArgumentException($"bad capture filter '{settings.Filter}': {e.Message}", nameof(settings), e);
            }
            return Task.FromResult<ICaptureSession>(LiveCaptureSession.Start(device, pcap, settings, Target, Options));
        }
        catch
        {
            device.Close();
            throw;
        }
    }

    /// <summary>Opens for capture. Non-blocking: the reader waits for data itself (poll, <see cref="PolledLiveDevice"/>), and
    /// libpcap must then never block in a read — it would, on lo, when all it found were outgoing copies it skips.</summary>
    internal static void Open(PolledLiveDevice device, LiveCaptureOptions options)
    {
        device.Open(new DeviceConfiguration
        {
            Mode = options.Promiscuous && !device.Loopback ? DeviceModes.Promiscuous : DeviceModes.None,
            Snaplen = options.SnapLength,
            ReadTimeout = (int)options.ReadTimeout.TotalMilliseconds,
            BufferSize = options.BufferBytes,
            Immediate = options.Immediate,
        });
        device.NonBlockingMode = true;
    }

    private static PolledLiveDevice? Find(string name) =>
        LibPcapLiveDeviceList.New().FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal)) is { Interface: PcapInterface i }
            ? new PolledLiveDevice(i)
            : null;

    private static string NoSuchInterface(string name) =>
        $"no network interface '{name}' to capture on (interfaces here: {string.Join(", ", LibPcapLiveDeviceList.New().Select(d => d.Name))})";

    private static string? Probe(string name, LiveCaptureOptions options)
    {
        PolledLiveDevice? device;
        try
        {
            device = Find(name);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            return $"libpcap is missing: install libpcap0.8 ({e.Message})";
        }
        if (device is null)
            return NoSuchInterface(name);
        try
        {
            Open(device, options);
            return null;
        }
        catch (PcapException e) when (e.Error == PcapError.PermissionDenied)
        {
            return $"capture needs root or CAP_NET_RAW (PermissionDenied on {name})";
        }
        catch (PcapException e)
        {
            return $"cannot capture on '{name}': {e.Message}";
        }
        finally
        {
            device.Close();
        }
    }
}
