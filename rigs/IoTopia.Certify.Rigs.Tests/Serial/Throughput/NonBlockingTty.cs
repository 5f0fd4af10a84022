using System.ComponentModel;
using System.Runtime.InteropServices;

namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>
/// The device end of a pty opened O_NONBLOCK, as a UART driver that never stalls its firmware: a write
/// the tty cannot take in full returns what it took, and the rest is the caller's to count as lost.
/// </summary>
internal sealed partial class NonBlockingTty : IDisposable
{
    // Linux's generic values (x86-64 and arm64 alike)
    private const int WriteOnly = 0x1;
    private const int NoControllingTty = 0x100;
    private const int NonBlocking = 0x800;
    private const int Interrupted = 4;
    private const int TryAgain = 11;

    private int _fd;

    private NonBlockingTty(int fd) => _fd = fd;

    public static NonBlockingTty Open(string path)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("the non-blocking tty writer uses Linux's open(2) flags");
        var fd = OpenFile(path, WriteOnly | NoControllingTty | NonBlocking);
        if (fd < 0)
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"open {path}");
        return new NonBlockingTty(fd);
    }

    /// <summary>Offers <paramref name="bytes"/> once; returns how many the tty accepted (0 when it refused them all).</summary>
    public int TryWrite(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        while (true)
        {
            var written = WriteFile(_fd, bytes, bytes.Length);
            if (written >= 0)
                return (int)written;
            var error = Marshal.GetLastPInvokeError();
            if (error == TryAgain)
                return 0;
            if (error != Interrupted) // interrupted before anything was written: offering the same bytes again is not a retry
                throw new Win32Exception(error, "write to the pty");
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
            _ = CloseFile(fd);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenFile(string path, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteFile(int fd, ReadOnlySpan<byte> buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseFile(int fd);
}
