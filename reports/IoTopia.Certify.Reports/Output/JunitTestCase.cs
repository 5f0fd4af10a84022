using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Model;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Output;

/// <summary>
/// One scenario as a &lt;testcase&gt;: name "id: title", classname the requirement IDs joined by dots (or
/// "rig-check"), the outcome element CI reads, and the requirement IDs and every attempt's steps in &lt;system-out&gt;.
/// </summary>
internal static class JunitTestCase
{
    private const int OutMax = 200_000;
    private static readonly TextFormat F = TextFormat.Xml;

    public static void Write(XmlWriter w, JsonElement scenario)
    {
        var id = scenario.Text("id");
        var requirements = scenario.Items("requirements").Select(JsonRead.Scalar).ToList();
        var verdict = scenario.Text("verdict");
        var reason = scenario.Text("reason");

        w.WriteStartElement("testcase");
        w.WriteAttributeString("name", F.Apply($"{id}: {scenario.Text("title")}", 500));
        w.WriteAttributeString("classname", F.Apply(ClassName(scenario, requirements), 500));
        w.WriteAttributeString("time", Seconds(Duration(scenario)));

        switch (Verdicts.Token(verdict))
        {
            case "fail":
                Outcome(w, "failure", "fail", reason, FailingSteps(scenario));
                break;
            case "error":
                Outcome(w, "error", "error", reason, FailingSteps(scenario));
                break;
            case "inconclusive":
                Outcome(w, "error", "inconclusive", reason, FailingSteps(scenario));
                break;
            case "skipped":
                w.WriteStartElement("skipped");
                w.WriteAttributeString("message", F.Apply(Join(scenario.Text("skipReason"), reason)));
                w.WriteEndElement();
                break;
            case Verdicts.Unknown:
                Outcome(w, "error", "unknown-verdict", $"verdict '{verdict}' is not one of {string.Join(", ", Verdicts.Ordered)}", "");
                break;
        }

        w.WriteElementString("system-out", Clip(SystemOut(scenario, requirements)));
        w.WriteEndElement();
    }

    public static double Duration(JsonElement scenario) =>
        scenario.Items("attempts").Sum(a => Durations.Seconds(a) ?? 0);

    public static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string ClassName(JsonElement scenario, List<string> requirements) =>
        ResultsIndex.IsRigCheck(scenario) ? JunitSuites.RigCheck
        : requirements.Count > 0 ? string.Join('.', requirements)
        : JunitSuites.Unassigned;

    private static void Outcome(XmlWriter w, string element, string type, string message, string body)
    {
        w.WriteStartElement(element);
        w.WriteAttributeString("message", F.Apply(message.Length > 0 ? message : type));
        w.WriteAttributeString("type", type);
        if (body.Length > 0)
            w.WriteString(Clip(body));
        w.WriteEndElement();
    }

    /// <summary>The steps of the last attempt that did not pass, with what was expected and what was seen.</summary>
    private static string FailingSteps(JsonElement scenario)
    {
        var last = scenario.Items("attempts").LastOrDefault();
        var sb = new StringBuilder();
        foreach (var step in last.Items("steps").Where(s => s.Text("verdict") != "pass"))
            AppendStep(sb, step);
        return sb.ToString();
    }

    private static string SystemOut(JsonElement scenario, List<string> requirements)
    {
        var sb = new StringBuilder();
        sb.Append("scenario: ").AppendLine(F.Apply(scenario.Text("id")));
        sb.Append("title: ").AppendLine(F.Apply(scenario.Text("title")));
        sb.Append("kind: ").AppendLine(F.Apply(scenario.Text("kind")));
        sb.Append("requirements: ").AppendLine(requirements.Count > 0 ? F.Apply(string.Join(", ", requirements)) : "(none)");
        sb.Append("verdict: ").AppendLine(F.Apply(Join(scenario.Text("verdict"), scenario.Text("reason"))));
        if (scenario.Text("skipReason") is { Length: > 0 } skip)
            sb.Append("skip reason: ").AppendLine(F.Apply(skip));

        foreach (var attempt in scenario.Items("attempts"))
        {
            sb.Append("attempt ").Append(F.Apply(attempt.Text("n"))).Append(": ")
                .Append(F.Apply(Join(attempt.Text("verdict"), attempt.Text("reason"))));
            if (attempt.Flag("interrupted"))
                sb.Append(" (interrupted)");
            sb.AppendLine();
            foreach (var step in attempt.Items("steps"))
                AppendStep(sb, step);
        }

        return sb.ToString();
    }

    private static void AppendStep(StringBuilder sb, JsonElement step)
    {
        sb.Append("  #").Append(F.Apply(step.Text("seq"))).Append(' ').Append(F.Apply(step.Text("name")))
            .Append(" [").Append(F.Apply(step.Text("phase"))).Append("] ")
            .AppendLine(F.Apply(Join(step.Text("verdict"), step.Text("reason"))));
        if (step.Text("expected") is { Length: > 0 } expected)
            sb.Append("      expected: ").AppendLine(F.Apply(expected));
        if (step.Text("observed") is { Length: > 0 } observed)
            sb.Append("      observed: ").AppendLine(F.Apply(observed));
        foreach (var m in step.Items("measurements"))
        {
            sb.Append("      measurement ").Append(F.Apply(m.Text("name"))).Append(" = ").Append(F.Apply(m.Text("value")));
            if (m.Text("unit") is { Length: > 0 } unit)
                sb.Append(' ').Append(F.Apply(unit));
            if (m.Text("low") is { Length: > 0 } low)
                sb.Append(" low ").Append(F.Apply(low));
            if (m.Text("high") is { Length: > 0 } high)
                sb.Append(" high ").Append(F.Apply(high));
            if (m.Text("expected") is { Length: > 0 } want)
                sb.Append(" expected ").Append(F.Apply(want));
            sb.Append(": ").AppendLine(F.Apply(m.Text("verdict")));
        }

        foreach (var e in step.Items("evidence"))
        {
            sb.Append("      evidence ").Append(F.Apply(e.Text("path"))).Append(" sha256 ").Append(F.Apply(e.Text("sha256")))
                .Append(" (").Append(F.Apply(e.Text("size"))).AppendLine(" bytes)");
        }
    }

    private static string Join(string verdict, string reason) => reason.Length > 0 ? $"{verdict} - {reason}" : verdict;

    private static string Clip(string text) =>
        text.Length <= OutMax ? text : Clipper.Clip(text, OutMax, "report.html");
}
