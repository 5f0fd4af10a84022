namespace IoTopia.Certify.Suit;

/// <summary>
/// A SUIT envelope that is not well formed, or uses what the pinned draft does not define (fail closed).
/// <see cref="Offset"/> is the byte offset in the envelope file; <see cref="Path"/> the element (e.g. <c>manifest/common/shared-sequence[2]</c>).
/// </summary>
public sealed class SuitFormatException(string path, long offset, string problem, Exception? inner = null)
    : Exception($"at byte {offset} ({path}): {problem}", inner)
{
    public string Path { get; } = path;

    public long Offset { get; } = offset;

    public string Problem { get; } = problem;
}
