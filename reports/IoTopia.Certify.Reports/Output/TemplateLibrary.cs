using Fluid;

namespace IoTopia.Certify.Reports.Output;

/// <summary>The Liquid templates embedded in this assembly (Templates/*.liquid), parsed once.</summary>
internal static class TemplateLibrary
{
    private static readonly FluidParser Parser = new();
    private static readonly Lazy<LoadedTemplate> HtmlTemplate = new(() => Load("report.html.liquid"));
    private static readonly Lazy<LoadedTemplate> MarkdownTemplate = new(() => Load("report.md.liquid"));

    public static LoadedTemplate Html => HtmlTemplate.Value;

    public static LoadedTemplate Markdown => MarkdownTemplate.Value;

    public static LoadedTemplate Load(string name)
    {
        var source = Source(name);
        if (!Parser.TryParse(source, out var template, out var error))
            throw new InvalidOperationException($"template {name} does not parse: {error}");
        return new LoadedTemplate(name, source, template);
    }

    public static string Source(string name)
    {
        var resource = $"IoTopia.Certify.Reports.Templates.{name}";
        using var stream = typeof(TemplateLibrary).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"template {name} is not embedded (resource {resource})");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
