using IoTopia.Certify.Reports.Pdf;

namespace IoTopia.Certify.Reports.Tests.Pdf;

/// <summary>Debian's chromium, or the test is ignored with the reason.</summary>
public static class Chromium
{
    public static void RequireInstalled()
    {
        if (!File.Exists(ChromiumOptions.DefaultExecutable))
            Assert.Ignore($"chromium is not installed ({ChromiumOptions.DefaultExecutable} is missing): ./certify installs it");
    }

    /// <summary>Whether any live process still has <paramref name="text"/> in its command line (a browser left behind).</summary>
    public static bool AnyProcessMentions(string text)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
                continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(text, StringComparison.Ordinal))
                    return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended while we looked
            }
        }

        return false;
    }
}
