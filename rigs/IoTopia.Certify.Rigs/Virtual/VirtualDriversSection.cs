namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>The <c>drivers:</c> section of a virtual rig file as written (kebab-case keys), bound with file:line errors.</summary>
public sealed class VirtualDriversSection
{
    public required DeviceSection Device { get; init; }
    public SerialSection Serial { get; init; } = new();
    public CaptureSection Capture { get; init; } = new();

    /// <summary>Folder of the lab's test PKI, relative to the rig file.</summary>
    public string Pki { get; init; } = "../.build/test-pki";

    public sealed class DeviceSection
    {
        /// <summary>The reference device's project folder, relative to the rig file.</summary>
        public required string Project { get; init; }
        public required string MudUrl { get; init; }
        public List<string> CloudNames { get; init; } = [];
        public TimeSpan TelemetryPeriod { get; init; } = TimeSpan.FromSeconds(5);
        public TimeSpan BootDelay { get; init; } = TimeSpan.Zero;
    }

    public sealed class SerialSection
    {
        public int Baud { get; init; } = 115200;
    }

    public sealed class CaptureSection
    {
        public string Interface { get; init; } = "lo";
    }
}
