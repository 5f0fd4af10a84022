namespace IoTopia.Certify.Wire.Capture;

/// <summary>A capture file is truncated or garbled: names the file and the byte offset where reading stopped. Packets before it were delivered.</summary>
public sealed class CaptureFormatException(string file, long offset, string problem)
    : Exception($"{file}: {problem} at byte offset {offset}")
{
    public string File { get; } = file;

    public long Offset { get; } = offset;

    public string Problem { get; } = problem;
}
