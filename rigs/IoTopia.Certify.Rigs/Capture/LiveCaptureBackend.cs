using System.Net;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Capture;

/// <summary>Capture on the bench's second network card, with the DUT alone on it. The default of <c>drivers.capture</c>.</summary>
[DriverBackend("capture", "live", "live capture (SharpPcap, root or CAP_NET_RAW) on a network interface")]
public sealed class LiveCaptureBackend : IDriverBackend<LiveCapture, LiveCaptureBackend.Options>
{
    public const string Kind = "live";

    public sealed class Options : IValidatableArguments
    {
        public required string Interface { get; init; }
        public required string DutAddress { get; init; }

        public IEnumerable<string> Validate()
        {
            if (Interface.Length == 0 || Interface.Contains('/'))
                yield return $"interface: '{Interface}' is not an interface name";
            if (!IPAddress.TryParse(DutAddress, out _))
                yield return $"dut-address: '{DutAddress}' is not an IP address";
        }
    }

    /// <summary>A missing interface fails the start at once, naming it.</summary>
    public static LiveCapture Create(Options options, BackendContext context) =>
        Directory.Exists($"/sys/class/net/{options.Interface}")
            ? new LiveCapture(options.Interface, new CaptureTarget(IPAddress.Parse(options.DutAddress)))
            : throw new InvalidOperationException($"no such network interface: {options.Interface}");

    public static string Resource(Options options) => $"{options.Interface}, DUT {options.DutAddress}";
}
