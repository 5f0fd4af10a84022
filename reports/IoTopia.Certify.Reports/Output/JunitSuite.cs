using System.Text.Json;

namespace IoTopia.Certify.Reports.Output;

/// <summary>One testsuite of junit.xml: its name and its scenarios in run order.</summary>
internal sealed record JunitSuite(string Name, IReadOnlyList<JsonElement> Scenarios);
