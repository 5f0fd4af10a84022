using System.Text.Encodings.Web;
using System.Text.Json;
using Fluid;
using IoTopia.Certify.Reports.Model;
using IoTopia.Certify.Reports.Output;
using IoTopia.Certify.Reports.Tests.Samples;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Tests;

[TestFixture]
public sealed class TemplateTests
{
    [Test]
    public void A_misspelt_member_throws_instead_of_rendering_empty()
    {
        var template = new LoadedTemplate("test", "{{ run.idd }}", new FluidParser().Parse("{{ run.idd }}"));
        var model = new Dictionary<string, object> { ["run"] = new Dictionary<string, object> { ["id"] = "r1" } };
        var e = Assert.ThrowsAsync<InvalidOperationException>(() => template.RenderAsync(model, HtmlEncoder.Default));
        Assert.That(e!.Message, Does.Contain("template test failed to render"));
    }

    [Test]
    public void Both_templates_parse_and_the_html_one_has_one_literal_script()
    {
        Assert.That(TemplateLibrary.Html.Source, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(TemplateLibrary.Markdown.Source, Does.StartWith("###"));
        Assert.That(CspHash.OfInlineScript(TemplateLibrary.Html.Source), Does.StartWith("sha256-"));
        Assert.That(TemplateLibrary.Html.Source, Does.Not.Contain("raw"), "no | raw filter anywhere");
        Assert.That(TemplateLibrary.Markdown.Source, Does.Not.Contain("raw"));
    }

    /// <summary>Liquid gives <c>size</c>, <c>first</c> and <c>last</c> of a hash their own meaning: a model key so named would never render.</summary>
    [Test]
    public void No_model_key_collides_with_a_liquid_hash_member()
    {
        using var folder = new TempRunFolder();
        SampleRun.WriteTypical(folder.Path);
        using var doc = JsonDocument.Parse(File.ReadAllText(folder.File("results.json")));
        var keys = new HashSet<string>();
        Collect(ReportModel.Of(doc.RootElement, TextFormat.Html), keys);
        Assert.That(keys, Is.Not.Empty);
        Assert.That(keys, Has.None.AnyOf("size", "first", "last", "empty", "blank"));
    }

    private static void Collect(object value, HashSet<string> keys)
    {
        switch (value)
        {
            case Dictionary<string, object> row:
                foreach (var (key, inner) in row)
                {
                    keys.Add(key);
                    Collect(inner, keys);
                }

                break;
            case System.Collections.IEnumerable list and not string:
                foreach (var item in list)
                    Collect(item!, keys);
                break;
        }
    }
}
