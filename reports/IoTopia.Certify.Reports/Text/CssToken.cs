namespace IoTopia.Certify.Reports.Text;

/// <summary>
/// A value fit for a CSS string in the page footer (<c>@page</c> margin boxes cannot take text from the document):
/// only letters, digits and <c>. _ : -</c> are kept, anything else becomes <c>_</c>, so neither HTML encoding nor CSS
/// syntax can be reached from it. Clipped to 80 characters.
/// </summary>
internal static class CssToken
{
    private const int Max = 80;

    public static string Of(string value)
    {
        var kept = value.Take(Max).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-' ? c : '_');
        return new string(kept.ToArray());
    }
}
