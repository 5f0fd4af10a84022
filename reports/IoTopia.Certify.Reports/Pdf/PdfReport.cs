using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace IoTopia.Certify.Reports.Pdf;

/// <summary>
/// report.pdf: report.html printed by a real browser (headless Chromium, its own child process with a deadline and a
/// throw-away profile). Never throws for a browser that is missing, fails, hangs or writes no PDF: the outcome says
/// why, and no report.pdf is left behind then (an older one would no longer match report.html).
/// </summary>
public static class PdfReport
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled; the browser was killed and reaped</exception>
    public static async Task<PdfOutcome> PrintAsync(string runFolder, ChromiumOptions options, IChildProcessObserver? observer, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(runFolder);
        var clock = Stopwatch.StartNew();
        var html = Path.GetFullPath(Path.Combine(runFolder, ReportRenderer.HtmlFileName));
        var target = Path.Combine(Path.GetDirectoryName(html)!, ReportRenderer.PdfFileName);
        PdfOutcome outcome;
        try
        {
            outcome = await TryPrintAsync(html, target, options, observer, clock, ct);
        }
        catch (OperationCanceledException)
        {
            RemoveStale(target);
            throw;
        }

        if (!outcome.Printed)
            RemoveStale(target);
        return outcome;
    }

    /// <summary>Removes report.pdf, for a run folder whose report.html was re-rendered but is not printed this time.</summary>
    public static void Discard(string runFolder) => RemoveStale(Path.Combine(Path.GetFullPath(runFolder), ReportRenderer.PdfFileName));

    private static async Task<PdfOutcome> TryPrintAsync(string html, string target, ChromiumOptions options, IChildProcessObserver? observer, Stopwatch clock, CancellationToken ct)
    {
        if (!File.Exists(html))
            return PdfOutcome.Failed($"{html}: not found; report.pdf is printed from report.html", clock.Elapsed);
        if (!File.Exists(options.Executable))
            return PdfOutcome.Failed($"chromium not found: {options.Executable} does not exist", clock.Elapsed);

        var profile = Directory.CreateTempSubdirectory("certify-chromium-").FullName;
        var pdf = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            var info = ChromiumCommand.For(options.Executable, profile, pdf, FileUri.Of(html));
            ChromiumExit exit;
            try
            {
                exit = await ChromiumProcess.RunAsync(info, options, observer, ct);
            }
            catch (Win32Exception e)
            {
                return PdfOutcome.Failed($"cannot start {options.Executable}: {e.Message}", clock.Elapsed);
            }

            if (Problem(exit, options, pdf) is { } problem)
                return PdfOutcome.Failed(problem, clock.Elapsed);

            File.Move(pdf, target, overwrite: true);
            var (sha256, size) = Hash(target);
            return new PdfOutcome { Printed = true, Elapsed = clock.Elapsed, Path = target, Sha256 = sha256, Size = size };
        }
        finally
        {
            DeleteQuietly(pdf);
            await DeleteFolderAsync(profile);
        }
    }

    private static string? Problem(ChromiumExit exit, ChromiumOptions options, string pdf)
    {
        var said = exit.Stderr.Last();
        var detail = said.Length == 0 ? "" : $": {said}";
        if (exit.TimedOut)
        {
            var seconds = options.Deadline.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return exit.ExitCode is null
                ? $"chromium did not finish printing within {seconds} s; killed, but not reaped within {options.ReapDeadline.TotalSeconds:0} s"
                : $"chromium did not finish printing within {seconds} s; killed and reaped";
        }

        if (exit.ExitCode is not 0)
            return $"chromium exited with code {exit.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}{detail}";
        if (!StartsWithPdfMagic(pdf))
            return $"chromium exited with code 0 but wrote no PDF{detail}";
        if (!EndsWithTrailer(pdf))
            return $"chromium wrote an incomplete PDF (no startxref and %%EOF trailer at its end; disk full?){detail}";
        return null;
    }

    private static bool StartsWithPdfMagic(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[5];
            return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(PdfMagic);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A complete PDF ends with its cross-reference pointer and <c>%%EOF</c>; a truncated one (full disk, killed writer) does not.</summary>
    private static bool EndsWithTrailer(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var tail = new byte[(int)Math.Min(stream.Length, 1024)];
            stream.Seek(-tail.Length, SeekOrigin.End);
            stream.ReadExactly(tail);
            var text = System.Text.Encoding.Latin1.GetString(tail).TrimEnd('\r', '\n', ' ', '\0');
            return text.EndsWith("%%EOF", StringComparison.Ordinal) && text.Contains("startxref", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static (string Sha256, long Size) Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return (Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }

    private static void RemoveStale(string target) => DeleteQuietly(target);

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: the outcome already says what happened
        }
    }

    /// <summary>
    /// Removes the throw-away profile. A helper the browser started may still be writing into it for a moment after
    /// the browser itself exited, so a failed attempt is retried for about a second; a profile left in the temp
    /// folder after that is harmless.
    /// </summary>
    private static async Task DeleteFolderAsync(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (Exception e) when ((e is IOException or UnauthorizedAccessException) && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
