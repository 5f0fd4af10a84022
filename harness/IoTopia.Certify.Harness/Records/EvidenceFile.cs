using System.Security.Cryptography;
using IoTopia.Certify.Harness.Secrets;

namespace IoTopia.Certify.Harness.Records;

/// <summary>
/// An evidence file being written: every write goes straight to the OS (no user-space buffer), its
/// SHA-256 is computed on the way, and closing it records it. With a <see cref="StreamMask"/>, the run's
/// secrets are masked on the way in; only the end of a write that may begin a secret waits for the next write.
/// </summary>
public sealed class EvidenceFile : Stream
{
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Action<EvidenceRecord> _onClosed;
    private readonly StreamMask? _mask;
    private readonly Lock _lock = new();
    private long _size;
    private bool _closed;

    internal EvidenceFile(string fullPath, string relativePath, string kind, string mediaType, Action<EvidenceRecord> onClosed, StreamMask? mask = null)
    {
        _mask = mask;
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        _file = new FileStream(fullPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        FullPath = fullPath;
        RelativePath = relativePath;
        Kind = kind;
        MediaType = mediaType;
        _onClosed = onClosed;
    }

    public string FullPath { get; }
    public string RelativePath { get; }
    public string Kind { get; }
    public string MediaType { get; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_closed;
    public override long Length => _size;
    public override long Position { get => _size; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            WriteOut(_mask is null ? buffer : _mask.Push(buffer));
        }
    }

    private void WriteOut(ReadOnlySpan<byte> bytes)
    {
        _file.Write(bytes);
        _hash.AppendData(bytes);
        _size += bytes.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        EvidenceRecord? record = null;
        lock (_lock)
        {
            if (!_closed)
            {
                _closed = true;
                try
                {
                    if (_mask is not null)
                        WriteOut(_mask.Flush());
                }
                finally
                {
                    _file.Dispose();
                }
                record = new EvidenceRecord
                {
                    Path = RelativePath,
                    Sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset()),
                    Size = _size,
                    Kind = Kind,
                    MediaType = MediaType,
                };
                _hash.Dispose();
            }
        }
        if (record is not null)
            _onClosed(record);
        base.Dispose(disposing);
    }
}
