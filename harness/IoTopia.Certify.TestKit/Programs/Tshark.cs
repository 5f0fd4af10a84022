namespace IoTopia.Certify.TestKit;

/// <summary>Wireshark's tshark, a pcap decoder we did not write; a test that needs it is ignored, saying why, when it is missing.</summary>
public static class Tshark
{
    /// <summary>How tshark ended, one tab-separated line of the asked fields per packet, and what it said on stderr.</summary>
    public sealed record Fields(int Exit, IReadOnlyList<string> Lines, string Errors);

    /// <summary>The given fields of every packet of <paramref name="pcap"/> (no name resolution); the caller judges the exit code.</summary>
    public static Task<Fields> FieldsAsync(string pcap, params string[] fields) => ReadAsync(pcap, null, fields);

    /// <summary>The given fields of every packet, split; fails the test unless tshark read the file cleanly.</summary>
    public static async Task<IReadOnlyList<string[]>> RowsAsync(string pcap, params string[] fields) =>
        [.. (await CheckedAsync(pcap, null, fields)).Select(l => l.Split('\t'))];

    /// <summary>The given fields of the packets matching <paramref name="displayFilter"/>; fails the test unless tshark read the file cleanly.</summary>
    public static Task<IReadOnlyList<string>> MatchingLinesAsync(string pcap, string displayFilter, params string[] fields) =>
        CheckedAsync(pcap, displayFilter, fields);

    private static async Task<IReadOnlyList<string>> CheckedAsync(string pcap, string? displayFilter, string[] fields)
    {
        var read = await ReadAsync(pcap, displayFilter, fields);
        Assert.That(read.Exit, Is.Zero, $"tshark -r {pcap}: {read.Errors}");
        return read.Lines;
    }

    private static async Task<Fields> ReadAsync(string pcap, string? displayFilter, string[] fields)
    {
        var tshark = ExternalProgram.Require("tshark", "tshark");
        string[] filter = displayFilter is null ? [] : ["-Y", displayFilter];
        string[] args = ["-n", "-r", pcap, .. filter, "-T", "fields", .. fields.SelectMany(f => new[] { "-e", f })];
        var result = await ExternalProgram.RunAsync(tshark, args, ExternalProgram.DefaultDeadline);
        return new Fields(result.ExitCode, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), result.Stderr);
    }
}
