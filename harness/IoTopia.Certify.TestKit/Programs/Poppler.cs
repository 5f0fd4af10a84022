namespace IoTopia.Certify.TestKit;

/// <summary>
/// Reads a PDF with Debian's poppler-utils (a decoder we did not write): its text, its document information and the
/// URLs its link annotations hold. A test that needs it is ignored, saying why, when it is not installed.
/// </summary>
public static class Poppler
{
    public static void RequireInstalled()
    {
        if (!File.Exists("/usr/bin/pdftotext") || !File.Exists("/usr/bin/pdfinfo"))
            Assert.Ignore("poppler-utils is not installed (/usr/bin/pdftotext, /usr/bin/pdfinfo): ./certify test installs it");
    }

    public static Task<string> TextAsync(string pdf) => ExternalProgram.OutputAsync("/usr/bin/pdftotext", "-enc", "UTF-8", pdf, "-");

    public static Task<string> InfoAsync(string pdf) => ExternalProgram.OutputAsync("/usr/bin/pdfinfo", pdf);

    /// <summary>Every URL of a link annotation (pdfinfo -url prints page, type, URL).</summary>
    public static async Task<List<string>> UrlsAsync(string pdf)
    {
        var lines = (await ExternalProgram.OutputAsync("/usr/bin/pdfinfo", "-url", pdf)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Skip(1).Select(l => l.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length == 3).Select(f => f[2].Trim())];
    }

    /// <summary>Text with every white space removed, so a value wrapped across lines of a table cell is found whole.</summary>
    public static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
