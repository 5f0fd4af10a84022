using System.Collections.Concurrent;
using System.Security.Cryptography;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Targets;

namespace IoTopia.Certify.Fuzz.Oracle;

/// <summary>
/// Saves each failing input for reproduction: <c>TARGET-VERDICT-HASH--SEEDNAME</c> (the bytes; the seed's name picks
/// the loader on replay) and the same name with <c>.txt</c> (the failure, the mutations, the command that replays it).
/// A campaign also writes each input before running it to <c>in-flight-TARGET</c>: a crash that ends the process (a
/// stack overflow cannot be caught) leaves it there, and the next campaign saves it as a <c>died</c> failure.
/// </summary>
public sealed class FailureStore(string folder)
{
    private const int MaxPerSignature = 20;
    private readonly ConcurrentDictionary<string, int> _saved = new(StringComparer.Ordinal);

    public string Folder { get; } = Directory.CreateDirectory(folder).FullName;

    public string Save(IFuzzTarget target, CaseOutcome outcome, byte[] input, Seed origin, string how)
    {
        var name = $"{target.Name}-{outcome.Verdict.ToString().ToLowerInvariant()}-{Hash(input)}--{origin.Name}";
        var path = Path.Combine(Folder, name);
        if (_saved.AddOrUpdate(outcome.Signature, 1, (_, n) => n + 1) > MaxPerSignature)
            return path + " (not saved again: already " + MaxPerSignature + " inputs with this failure)";
        File.WriteAllBytes(path, input);
        File.WriteAllText(path + ".txt", $"""
            target: {target.Name}
            failure: {outcome.Signature}
            input: {input.Length} bytes, from seed {origin.Path}
            mutations: {how}
            replay: dotnet run -c Release --project harness/IoTopia.Certify.Fuzz -- --target {target.Name} --replay {path}

            {outcome}

            """);
        return path;
    }

    public string InFlight(IFuzzTarget target) => Path.Combine(Folder, $"in-flight-{target.Name}");

    private FileStream? _inFlight;

    /// <summary>
    /// Writes the input about to run (after a first line naming its seed) into one file kept open: rewritten in
    /// place and handed to the kernel, so it outlives a process that dies, at the cost of a write, not a file.
    /// </summary>
    public void MarkInFlight(IFuzzTarget target, byte[] input, Seed origin)
    {
        _inFlight ??= new FileStream(InFlight(target), FileMode.Create, FileAccess.Write, FileShare.Read);
        _inFlight.Position = 0;
        _inFlight.Write(System.Text.Encoding.UTF8.GetBytes(origin.Path + "\n"));
        _inFlight.Write(input);
        _inFlight.SetLength(_inFlight.Position);
        _inFlight.Flush(flushToDisk: false);
    }

    public void ClearInFlight(IFuzzTarget target)
    {
        _inFlight?.Dispose();
        _inFlight = null;
        File.Delete(InFlight(target));
    }

    /// <summary>An input a previous campaign left in flight: the process died running it.</summary>
    public string? RescueInFlight(IFuzzTarget target)
    {
        var path = InFlight(target);
        if (!File.Exists(path))
            return null;
        var content = File.ReadAllBytes(path);
        var newline = Array.IndexOf(content, (byte)'\n');
        var seedPath = newline < 0 ? "unknown" : System.Text.Encoding.UTF8.GetString(content, 0, newline);
        var input = content[(newline + 1)..];
        var saved = Path.Combine(Folder, $"{target.Name}-died-{Hash(input)}--{Path.GetFileName(seedPath)}");
        File.WriteAllBytes(saved, input);
        File.WriteAllText(saved + ".txt", $"""
            target: {target.Name}
            failure: the fuzzing process died running this input (a stack overflow or another uncatchable crash)
            input: {input.Length} bytes, from seed {seedPath}
            replay: dotnet run -c Release --project harness/IoTopia.Certify.Fuzz -- --target {target.Name} --replay {saved}

            """);
        ClearInFlight(target);
        return saved;
    }

    private static string Hash(byte[] input) => Convert.ToHexStringLower(SHA256.HashData(input))[..12];
}
