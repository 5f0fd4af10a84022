namespace IoTopia.Certify.Harness.Model;

/// <summary>The rig capability names of CONTRACTS.md that a scenario may list under <c>needs:</c>.</summary>
public static class Capabilities
{
    /// <summary>In the order CONTRACTS.md lists them.</summary>
    public static readonly IReadOnlyList<string> InOrder =
    [
        "serial", "power", "power.cut", "restore", "capture", "dns", "dhcp", "lab-http", "time",
        "browser", "update.trigger", "operator",
    ];

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(InOrder, StringComparer.Ordinal);
}
