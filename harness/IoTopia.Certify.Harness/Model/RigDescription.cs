using IoTopia.Certify.Harness.Secrets;

namespace IoTopia.Certify.Harness.Model;

/// <summary>A rig file: the bench, its capabilities, its device under test and its driver settings.</summary>
public sealed record RigDescription
{
    public required string Name { get; init; }
    public required string File { get; init; }
    public string Kind { get; init; } = "in-process";
    public string Description { get; init; } = "";
    /// <summary>What the rig's drivers give and this machine allows (see <see cref="Engine.RigKind.Available"/>).</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>The drivers the rig kind builds from the rig file, each with the capabilities it gives.</summary>
    public IReadOnlyList<Drivers.DriverBinding> Bindings { get; init; } = [];
    public DutDescription Dut { get; init; } = new();

    /// <summary>The rig options given to this run (e.g. from the command line), each one its kind accepts (<c>RigKind.Options</c>).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The DUT's conformance statement and assessor decisions, used when the command line names none.</summary>
    public string? Statement { get; init; }

    public string? Decisions { get; init; }

    /// <summary>The rig kind's own reading of the <c>drivers:</c> section.</summary>
    public object? Drivers { get; init; }

    /// <summary>The rig file's secret values (<see cref="SecretRule"/>): never written in clear into a run folder.</summary>
    public IReadOnlyList<SecretValue> Secrets { get; init; } = [];
}

/// <summary>
/// The DUT as the rig file describes it, so suites never assume our fixture: identity, and how to
/// recognise its boot, log in, and read its status. Every fact is offered to suites as <c>${dut.&lt;key&gt;}</c>.
/// </summary>
public sealed record DutDescription
{
    public string Model { get; init; } = "unknown";
    public string Serial { get; init; } = "unknown";
    public string Firmware { get; init; } = "unknown";

    /// <summary>Further facts by kebab-case key (<see cref="KnownFacts"/>): banner, ready, login and shell prompts, the marker commands …</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();

    public static readonly IReadOnlyDictionary<string, string> KnownFacts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["banner"] = "regex of the boot line that names model, serial, firmware (named groups model, serial, firmware)",
        ["ready"] = "regex of the line printed when the DUT has finished booting",
        ["boot-failure"] = "regex of the line printed when it cannot boot",
        ["login-user"] = "console user",
        ["login-password"] = "console password (secret by its key name: redacted in the run folder)",
        ["login-prompt"] = "regex of the login prompt",
        ["shell-prompt"] = "regex of the shell prompt (serial.run takes it only at the start of a line, as the last thing the DUT printed)",
        ["exit-status-command"] = "shell command that prints the last command's exit status (echo $?); without it serial.run does not check exit statuses and says so",
        ["marker-write-command"] = "shell command(s), one a line, that write a marker to the DUT's persistent storage (committed or synced, so it survives a power cycle)",
        ["marker-read-command"] = "shell command that prints the marker's line while the marker is there",
        ["marker-line"] = "the exact line marker-read-command prints while the marker is there",
        ["first-boot"] = "regex of a line the DUT prints only when it boots from its factory state",
        ["status-path"] = "path of the JSON status endpoint on the DUT's web port",
        ["web-scheme"] = "how the DUT's web port is spoken to: https (the default; its certificate must chain to the rig's roots) or http (plain, reported as such)",
        ["web-port"] = "the DUT's web port (1-65535; default 443 for https, 80 for http); bench rigs only: the reference-device rigs' port comes from the run's address plan",
        ["version-pointer"] = "JSON pointer of the firmware version in the status document",
        ["version-command"] = "console command that prints the version",
        ["mud-url-source"] = "where the DUT emits its MUD URL: dhcp, lldp, certificate",
        ["cloud-name"] = "a name the DUT contacts in normal operation (its telemetry or cloud service)",
        ["update-name"] = "the name of the DUT's update server (where it fetches manifests and images); update.offer serves there by default",
        ["mac"] = "the DUT's MAC address on the lab link (aa:bb:cc:dd:ee:ff): capture filters, DHCP observations, the lab link's veth where the rig kind makes one",
    };

    /// <summary>The identity keys every rig has (with "unknown" when its file does not say).</summary>
    public static readonly IReadOnlyList<string> IdentityKeys = ["model", "serial", "firmware"];

    /// <summary>Every key a suite may read as <c>${dut.&lt;key&gt;}</c>.</summary>
    public static IEnumerable<string> AllKeys => IdentityKeys.Concat(KnownFacts.Keys);

    public static bool IsKnown(string key) => KnownFacts.ContainsKey(key) || IdentityKeys.Contains(key);

    /// <summary>What is wrong with a fact's value, or null: only facts with a closed set of values are checked (the loader names the key's line).</summary>
    public static string? Problem(string key, string value) => key switch
    {
        "web-scheme" when value is not ("http" or "https") => $"dut.web-scheme: '{value}' is not http or https",
        "web-port" when !int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535 =>
            $"dut.web-port: '{value}' is not a port number (1-65535)",
        _ => null,
    };

    /// <summary>The facts as scenario parameters: dut.model, dut.serial, dut.banner …</summary>
    public IReadOnlyDictionary<string, string> AsParameters()
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["dut.model"] = Model,
            ["dut.serial"] = Serial,
            ["dut.firmware"] = Firmware,
        };
        foreach (var (k, v) in Facts)
            all[$"dut.{k}"] = v;
        return all;
    }
}
