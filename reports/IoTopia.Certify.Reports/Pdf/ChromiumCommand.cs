using System.Diagnostics;

namespace IoTopia.Certify.Reports.Pdf;

/// <summary>
/// The command line that prints one local HTML file to PDF with headless Chromium: no sandbox (we run as root), no
/// GPU, nothing in the background that could reach the network, every host name unresolvable, and a profile, home and
/// cache of its own that are thrown away afterwards.
/// </summary>
internal static class ChromiumCommand
{
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-extensions", "--disable-breakpad",
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ];

    public static ProcessStartInfo For(string executable, string profile, string pdf, string url)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var flag in Flags)
            info.ArgumentList.Add(flag);
        info.ArgumentList.Add($"--user-data-dir={Path.Combine(profile, "user-data")}");
        info.ArgumentList.Add($"--print-to-pdf={pdf}");
        info.ArgumentList.Add("--no-pdf-header-footer");
        info.ArgumentList.Add(url);
        info.Environment["HOME"] = profile;
        info.Environment["XDG_CONFIG_HOME"] = Path.Combine(profile, "config");
        info.Environment["XDG_CACHE_HOME"] = Path.Combine(profile, "cache");
        return info;
    }

    public static string Text(ProcessStartInfo info) => string.Join(' ', new[] { info.FileName }.Concat(info.ArgumentList));
}
