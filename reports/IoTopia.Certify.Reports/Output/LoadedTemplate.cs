using System.Text.Encodings.Web;
using Fluid;

namespace IoTopia.Certify.Reports.Output;

/// <summary>A parsed embedded template. Data only ever enters as values of the context, never as template source.</summary>
internal sealed class LoadedTemplate(string name, string source, IFluidTemplate template)
{
    private static readonly TemplateOptions Options = new()
    {
        StrictVariables = true, // a misspelt member throws instead of rendering empty
        StrictFilters = true,
        CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
    };

    public string Name { get; } = name;

    public string Source { get; } = source;

    public async Task<string> RenderAsync(Row model, TextEncoder encoder)
    {
        var context = new TemplateContext(Options);
        foreach (var (key, value) in model)
            context.SetValue(key, value);
        try
        {
            return await template.RenderAsync(context, encoder);
        }
        catch (FluidException e)
        {
            throw new InvalidOperationException($"template {Name} failed to render: {e.Message}", e);
        }
    }
}
