namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>The <c>drivers:</c> section of a virtual rig file: how to build and reach the reference device.</summary>
public sealed record VirtualRigSettings
{
    /// <summary>The reference device's project folder; its dll is taken from bin/&lt;the harness's configuration&gt;/net10.0/.</summary>
    public required string DeviceProject { get; init; }

    public required string MudUrl { get; init; }
    public IReadOnlyList<string> CloudNames { get; init; } = [];
    public TimeSpan TelemetryPeriod { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan BootDelay { get; init; } = TimeSpan.Zero;
    public int Baud { get; init; } = 115200;
    public string CaptureInterface { get; init; } = "lo";

    /// <summary>Where the lab's test PKI lives across runs (created once, under a lock).</summary>
    public required string PkiFolder { get; init; }
}
