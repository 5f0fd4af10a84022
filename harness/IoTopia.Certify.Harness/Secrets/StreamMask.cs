namespace IoTopia.Certify.Harness.Secrets;

/// <summary>
/// Masks secrets in a stream written in pieces: a secret split across two writes is masked too, because the end
/// of a write that could begin a secret is held back until the next write shows whether it does (or the stream
/// closes). Nothing else is ever held back, so a kill loses at most the beginning of what looked like a secret.
/// </summary>
public sealed class StreamMask(SecretMask mask)
{
    private byte[] _held = [];

    /// <summary>The bytes ready to write, masked: valid until the next call.</summary>
    public ReadOnlySpan<byte> Push(ReadOnlySpan<byte> data)
    {
        if (_held.Length == 0 && !mask.Occurs(data) && mask.OpenTail(data) == 0)
            return data;
        var work = new byte[_held.Length + data.Length];
        _held.CopyTo(work, 0);
        data.CopyTo(work.AsSpan(_held.Length));
        mask.MaskInPlace(work);
        var keep = mask.OpenTail(work);
        _held = work[^keep..];
        return work.AsSpan(0, work.Length - keep);
    }

    /// <summary>What is still held back, at the end of the stream: it began a secret that never came.</summary>
    public ReadOnlySpan<byte> Flush()
    {
        var rest = _held;
        _held = [];
        return rest;
    }
}
