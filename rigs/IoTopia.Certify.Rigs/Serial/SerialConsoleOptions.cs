namespace IoTopia.Certify.Rigs.Serial;

/// <summary>How the rig reaches the DUT's serial console.</summary>
public sealed record SerialConsoleOptions
{
    /// <summary>The port: a pty link, /dev/ttyUSB0, /dev/serial/by-id/….</summary>
    public required string Path { get; init; }

    public int Baud { get; init; } = 115200;

    /// <summary>Names the run evidence files (<c>&lt;name&gt;.raw</c>, <c>&lt;name&gt;-index.tsv</c>, <c>&lt;name&gt;.log</c>).</summary>
    public string Name { get; init; } = "serial";

    public int WindowBytes { get; init; } = SerialLog.DefaultWindowBytes;

    public SerialScanLimits ScanLimits { get; init; } = new();

    /// <summary>How often a lost port is looked for again.</summary>
    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often an open port is checked to still exist (a read may block on a vanished adapter).</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
