using System.Diagnostics;
using System.Security.Cryptography;

namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>Writes a response body and keeps what went out: the count, the SHA-256, and when the last write was accepted.</summary>
internal sealed class ServedBytes(Stream body, Stopwatch clock) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Count { get; private set; }
    public TimeSpan? LastWriteAfter { get; private set; }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        if (bytes.IsEmpty)
            return;
        await body.WriteAsync(bytes, ct);
        await body.FlushAsync(ct);
        _hash.AppendData(bytes.Span);
        Count += bytes.Length;
        LastWriteAfter = clock.Elapsed;
    }

    public string Sha256() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public void Dispose() => _hash.Dispose();
}
