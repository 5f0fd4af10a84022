using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Text;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>
/// Whether the MUD file judged is the one the DUT points to, on every rig: the URL the DUT announced against the
/// file's own <c>mud-url</c> and the URL the manufacturer's conformance statement declares (IXIT <c>mud-url</c>).
/// A bench without a lab MUD server judges the rig's file, which is the DUT's only if the DUT names it.
/// </summary>
internal static class AnnouncedUrlCheck
{
    public const string StatementFact = "mud-url";

    /// <summary>Why the URLs disagree (both named), or null; the URLs go into the step's details.</summary>
    public static string? Mismatch(StepContext context, string announced, string? fileUrl)
    {
        var statementUrl = context.Attempt.Run.Statement.Ixit.GetValueOrDefault(StatementFact);
        context.Details["announcedUrl"] = DeviceText.Clip(announced, 300);
        context.Details["mudUrlInFile"] = fileUrl is null ? null : DeviceText.Clip(fileUrl, 300);
        if (statementUrl is not null)
            context.Details["statementUrl"] = DeviceText.Clip(statementUrl, 300);
        var problems = new List<string>();
        if (fileUrl is not null && !string.Equals(fileUrl, announced, StringComparison.Ordinal))
            problems.Add($"the DUT announces the MUD URL {DeviceText.Clip(announced, 200)}, but the MUD file's mud-url is {DeviceText.Clip(fileUrl, 200)}");
        if (statementUrl is not null && !string.Equals(statementUrl, announced, StringComparison.Ordinal))
            problems.Add($"the DUT announces the MUD URL {DeviceText.Clip(announced, 200)}, but the conformance statement declares {DeviceText.Clip(statementUrl, 200)} (ixit mud-url)");
        context.Details["sameUrl"] = JsonValue.Create(problems.Count == 0);
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
