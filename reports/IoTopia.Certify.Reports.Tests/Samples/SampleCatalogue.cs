using System.Text.Json.Nodes;

namespace IoTopia.Certify.Reports.Tests.Samples;

/// <summary>A catalogue snapshot with the requirements the sample run touches (titles and references as in suites/requirements.yaml).</summary>
public static class SampleCatalogue
{
    public static readonly (string Id, string Name)[] Pillars =
    [
        ("SBD", "Secure by design"), ("INT", "Device intent"), ("ONB", "Secure onboarding"), ("LCM", "Lifecycle management"),
    ];

    private static readonly (string Id, string Title, string Tier, string Verification, string[] Etsi, string[] Iec)[] Entries =
    [
        ("IOT-SBD-01", "No universal default passwords", "T1", "both", ["5.1-1", "5.1-2", "5.1-5"], ["CR 1.5", "CR 1.7"]),
        ("IOT-SBD-03", "Only declared services exposed, no information leaks", "T1", "test", ["5.6-1", "5.6-2"], ["CR 7.7"]),
        ("IOT-SBD-04", "Debug interfaces disabled or authenticated in production", "T1", "test", ["5.6-4"], ["EDR 2.13"]),
        ("IOT-SBD-05", "TLS/DTLS 1.2+ with certificate validation", "T1", "test", ["5.5-1"], ["CR 4.1"]),
        ("IOT-INT-01", "Exactly one HTTPS MUD URL, same on every channel", "T2", "test", [], []),
        ("IOT-INT-02", "MUD file served correctly and schema-valid", "T2", "test", [], []),
        ("IOT-ONB-01", "Zero-touch onboarding from factory state", "T2", "test", ["5.12-1"], []),
        ("IOT-ONB-09", "Bootstrap secrets unique, unguessable, never in clear", "T2", "both", ["5.4-1"], ["CR 1.5"]),
        ("IOT-LCM-01", "Only authentic updates are installed", "T1", "test", ["5.3-6", "5.3-9"], ["CR 3.10"]),
        ("IOT-LCM-05", "Updates are atomic and power-safe", "T2", "test", [], []),
        ("IOT-LCM-06", "Failing updates roll back automatically", "T2", "test", [], []),
        ("IOT-LCM-11", "Vulnerability disclosure, SBOM and advisories", "T1", "review", ["5.2-1"], []),
    ];

    public static JsonObject Snapshot()
    {
        var pillars = new JsonObject();
        foreach (var (id, name) in Pillars)
            pillars[id] = name;

        var requirements = new JsonArray();
        foreach (var e in Entries)
        {
            var references = new JsonObject();
            if (e.Etsi.Length > 0)
                references["etsi-en-303-645"] = new JsonArray([.. e.Etsi.Select(x => JsonValue.Create(x))]);
            if (e.Iec.Length > 0)
                references["iec-62443-4-2"] = new JsonArray([.. e.Iec.Select(x => JsonValue.Create(x))]);
            if (e.Id.StartsWith("IOT-INT", StringComparison.Ordinal))
                references["rfc"] = new JsonArray("RFC 8520 §10");
            requirements.Add(new JsonObject
            {
                ["id"] = e.Id,
                ["pillar"] = e.Id.Split('-')[1],
                ["title"] = e.Title,
                ["statement"] = $"The statement of {e.Id}: {e.Title.ToLowerInvariant()}.",
                ["tier"] = e.Tier,
                ["verification"] = e.Verification,
                ["references"] = references,
            });
        }

        return new JsonObject { ["file"] = "suites/requirements.yaml", ["pillars"] = pillars, ["requirements"] = requirements };
    }
}
