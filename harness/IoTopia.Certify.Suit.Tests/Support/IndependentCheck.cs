using System.Text.Json;

namespace IoTopia.Certify.Suit.Tests.Support;

/// <summary>
/// Independent/independent_check.py under Debian's python3 (python3-cbor2, python3-cryptography): decodes an envelope and
/// verifies its signature with no code of ours. A child process with a deadline.
/// </summary>
public static class IndependentCheck
{
    private const string Python = "/usr/bin/python3";

    public static async Task<(ProgramResult Result, JsonElement? Facts)> RunAsync(string envelope, string publicKeyPem)
    {
        if (!File.Exists(Python))
            Assert.Ignore($"{Python} is missing (apt-get install -y python3 python3-cbor2 python3-cryptography)");
        var probe = await ExternalProgram.RunAsync(Python, ["-c", "import cbor2, cryptography"], TimeSpan.FromSeconds(30));
        if (probe.ExitCode != 0)
            Assert.Ignore($"python3-cbor2 or python3-cryptography is not installed: {probe.Stderr.Trim()}");
        var script = Path.Combine(AppContext.BaseDirectory, "Independent", "independent_check.py");
        var result = await ExternalProgram.RunAsync(Python, [script, envelope, publicKeyPem], TimeSpan.FromSeconds(60));
        return (result, result.ExitCode == 0 ? JsonDocument.Parse(result.Stdout).RootElement.Clone() : null);
    }
}
