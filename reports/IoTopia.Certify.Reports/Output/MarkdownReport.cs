using System.Text.Json;
using Fluid;
using IoTopia.Certify.Reports.Model;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Output;

/// <summary>
/// report.md: a pull-request-comment summary. Every value was Markdown-escaped by <see cref="TextFormat.Markdown"/>
/// while the model was built, so the template renders without an encoder.
/// </summary>
internal static class MarkdownReport
{
    public static Task<string> RenderAsync(JsonElement root)
    {
        var model = ReportModel.Of(root, TextFormat.Markdown);
        var notPassed = ((List<Row>)model["requirements"])
            .Where(r => (string)r["verdict_class"] != "pass")
            .OrderBy(r => Verdicts.Rank((string)r["verdict_class"]))
            .ToList();
        model["not_passed"] = notPassed;
        model["not_passed_count"] = notPassed.Count;
        model["generator"] = Generator.Name;
        return TemplateLibrary.Markdown.RenderAsync(model, NullEncoder.Default);
    }
}
