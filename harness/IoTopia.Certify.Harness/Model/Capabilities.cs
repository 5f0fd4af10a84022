namespace IoTopia.Certify.Harness.Model;

/// <summary>The rig capability names of CONTRACTS.md that a scenario may list under <c>needs:</c>.</summary>
public static class Capabilities
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "serial", "power", "power.cut", "restore", "capture", "dns", "dhcp", "lab-http", "time",
        "browser", "update.trigger", "operator",
    };
}
