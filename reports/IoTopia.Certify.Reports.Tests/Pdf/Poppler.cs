using System.Diagnostics;

namespace IoTopia.Certify.Reports.Tests.Pdf;

/// <summary>
/// Reads a PDF with Debian's poppler-utils (a decoder we did not write): its text, its document information and the
/// URLs its annotations hold. Tests that need it are ignored, with the reason, where it is not installed.
/// </summary>
public static class Poppler
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static void RequireInstalled()
    {
        if (!File.Exists("/usr/bin/pdftotext") || !File.Exists("/usr/bin/pdfinfo"))
            Assert.Ignore("poppler-utils is not installed (/usr/bin/pdftotext, /usr/bin/pdfinfo): ./certify installs it");
    }

    public static Task<string> TextAsync(string pdf) => RunAsync("/usr/bin/pdftotext", "-enc", "UTF-8", pdf, "-");

    public static Task<string> InfoAsync(string pdf) => RunAsync("/usr/bin/pdfinfo", pdf);

    /// <summary>Every URL of a link annotation (pdfinfo -url: page, type, URL).</summary>
    public static async Task<List<string>> UrlsAsync(string pdf)
    {
        var lines = (await RunAsync("/usr/bin/pdfinfo", "-url", pdf)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Skip(1).Select(l => l.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length == 3).Select(f => f[2].Trim())];
    }

    /// <summary>Text with every white space removed, so a value wrapped across lines of a table cell is found whole.</summary>
    public static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        using var cts = new CancellationTokenSource(Deadline);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"{program} did not finish within {Deadline}");
        }

        Assert.That(process.ExitCode, Is.Zero, $"{program} {string.Join(' ', args)}: {await stderr}");
        return await stdout;
    }
}
