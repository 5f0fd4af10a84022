namespace IoTopia.Certify.Harness.Declarations;

/// <summary>
/// The named facts (IXIT) a conformance statement gives and suites read as parameters
/// <c>${ixit.&lt;name&gt;}</c>. Each has a kind its value is checked against.
/// </summary>
public static class IxitFacts
{
    public enum Kind
    {
        Text,
        WholeNumber,
        Date,
        Duration,
        List,
    }

    public static readonly IReadOnlyDictionary<string, (Kind Kind, string Meaning)> Known = new Dictionary<string, (Kind, string)>(StringComparer.Ordinal)
    {
        ["open-ports"] = (Kind.List, "network ports the device declares open in the initialised state, as proto/port (tcp/443)"),
        ["services"] = (Kind.List, "network services the device declares (https, mdns, coap …)"),
        ["support-period-end"] = (Kind.Date, "last day of the declared support period (YYYY-MM-DD)"),
        ["password-policy"] = (Kind.Text, "how passwords are set: unique-per-device, user-set-at-first-use, none"),
        ["lockout-threshold"] = (Kind.WholeNumber, "consecutive failed log-ins before rate limiting or lockout"),
        ["onboarding-mechanism"] = (Kind.Text, "fdo, brski, dpp or matter"),
        ["onboarding-time-budget"] = (Kind.Duration, "longest time zero-touch onboarding may take (e.g. 120s)"),
        ["update-trigger"] = (Kind.Text, "how an update is started: periodic-check, serial-command, http-endpoint, operator"),
        ["mud-url"] = (Kind.Text, "the MUD URL the device emits"),
        ["rollback-boots"] = (Kind.WholeNumber, "boots after which a failed update is rolled back"),
        ["cvd-contact"] = (Kind.Text, "where vulnerabilities are reported"),
    };
}
