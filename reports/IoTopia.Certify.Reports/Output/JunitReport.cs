using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Model;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Output;

/// <summary>
/// junit.xml: one &lt;testsuite&gt; per pillar (a scenario belongs to the pillar of its first requirement), then one
/// "rig-check" suite and one "unassigned" suite for certification scenarios without a known pillar; one
/// &lt;testcase&gt; per scenario. fail → failure; error → error; inconclusive → error type="inconclusive";
/// skipped → skipped. Written with XmlWriter; characters XML 1.0 forbids are shown as \xNN.
/// </summary>
internal static class JunitReport
{
    private static readonly TextFormat F = TextFormat.Xml;

    public static byte[] Render(JsonElement root)
    {
        var index = new ResultsIndex(root);
        var suites = JunitSuites.Group(index);

        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            NewLineChars = "\n",
            CheckCharacters = true,
        };
        using (var w = XmlWriter.Create(buffer, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", F.Apply("IoTopia.Certify run " + index.Run.Text("id"), 300));
            WriteCounts(w, suites.SelectMany(s => s.Scenarios).ToList());
            var id = 0;
            foreach (var suite in suites)
                WriteSuite(w, index, suite, id++);
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void WriteSuite(XmlWriter w, ResultsIndex index, JunitSuite suite, int id)
    {
        var run = index.Run;
        w.WriteStartElement("testsuite");
        w.WriteAttributeString("name", F.Apply(suite.Name, 300));
        w.WriteAttributeString("id", id.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("package", "IoTopia.Certify");
        w.WriteAttributeString("hostname", F.Apply(run.Get("rig").Text("name"), 200) is { Length: > 0 } rig ? rig : "unknown");
        WriteCounts(w, suite.Scenarios);
        if (DateTimeOffset.TryParse(run.Text("started"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var started))
            w.WriteAttributeString("timestamp", started.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));

        JunitProperties.Write(w, index);
        foreach (var scenario in suite.Scenarios)
            JunitTestCase.Write(w, scenario);
        w.WriteElementString("system-out", "");
        w.WriteElementString("system-err", "");
        w.WriteEndElement();
    }

    private static void WriteCounts(XmlWriter w, IReadOnlyList<JsonElement> scenarios)
    {
        var tokens = scenarios.Select(s => Verdicts.Token(s.Text("verdict"))).ToList();
        w.WriteAttributeString("tests", tokens.Count.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("failures", tokens.Count(t => t == "fail").ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("errors", tokens.Count(t => t is "error" or "inconclusive" or Verdicts.Unknown).ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("skipped", tokens.Count(t => t == "skipped").ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("time", JunitTestCase.Seconds(scenarios.Sum(JunitTestCase.Duration)));
    }
}
