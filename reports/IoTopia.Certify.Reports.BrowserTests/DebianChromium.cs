using Microsoft.Playwright;

namespace IoTopia.Certify.Reports.BrowserTests;

/// <summary>Debian's /usr/bin/chromium driven by Playwright (never a downloaded browser), or the fixture is ignored.</summary>
public static class DebianChromium
{
    private const string Executable = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(Executable))
            Assert.Ignore($"chromium not installed ({Executable} is missing): run ./certify test, which installs it");

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = Args,
            Timeout = 15_000,
        });
    }
}
