using System.Text.Encodings.Web;
using System.Text.Json;
using IoTopia.Certify.Reports.Model;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Output;

/// <summary>report.html: one self-contained page (inline CSS and JS, no URL outside itself), every value HTML-encoded.</summary>
internal static class HtmlReport
{
    private static readonly Lazy<string> ScriptSource = new(() => CspHash.OfInlineScript(TemplateLibrary.Html.Source));

    public static Task<string> RenderAsync(JsonElement root)
    {
        var model = ReportModel.Of(root, TextFormat.Html);
        model["csp_script"] = ScriptSource.Value;
        model["generator"] = Generator.Name;
        return TemplateLibrary.Html.RenderAsync(model, HtmlEncoder.Default);
    }
}
