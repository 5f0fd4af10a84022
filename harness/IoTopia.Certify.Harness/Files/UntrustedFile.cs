using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace IoTopia.Certify.Harness.Files;

/// <summary>
/// Opens a file named by a user, a suite or a device without trusting what it is: a FIFO, a device
/// such as /dev/zero, a directory or a file past the size limit is a clear error, never a hang or an
/// exhausted memory. Pipes are accepted only where the caller can stream.
/// </summary>
public static partial class UntrustedFile
{
    private const int ReadOnly = 0x0;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int GetFlags = 3;
    private const int SetFlags = 4;

    /// <summary>Reads a whole regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="UntrustedFileException">not a regular file, too large, or unreadable; the message names the path</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        using var stream = OpenRegular(path);
        return ReadBounded(stream, path, maxBytes);
    }

    public static string ReadAllText(string path, long maxBytes) => System.Text.Encoding.UTF8.GetString(ReadAllBytes(path, maxBytes));

    /// <summary>Opens a regular file for reading (seekable). FIFOs, sockets, devices and directories are refused.</summary>
    public static FileStream OpenRegular(string path)
    {
        var (stream, type) = Open(path);
        if (type != FileKind.Regular)
        {
            stream.Dispose();
            throw new UntrustedFileException($"{path}: not a regular file ({Describe(type)}); give a regular file");
        }
        return stream;
    }

    /// <summary>
    /// Opens a regular file, or a pipe to be read as a stream (<c>&lt;(cmd)</c>, a FIFO with a writer); a
    /// device or directory is refused. The caller must not seek when <see cref="Stream.CanSeek"/> is false.
    /// </summary>
    public static FileStream OpenForStreaming(string path)
    {
        var (stream, type) = Open(path);
        if (type is not (FileKind.Regular or FileKind.Pipe))
        {
            stream.Dispose();
            throw new UntrustedFileException($"{path}: not a file or pipe ({Describe(type)})");
        }
        return stream;
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; one byte more is an error naming the limit.</summary>
    public static byte[] ReadBounded(Stream stream, string path, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var n = stream.Read(chunk, 0, chunk.Length);
            if (n == 0)
                return buffer.ToArray();
            if (buffer.Length + n > maxBytes)
                throw new UntrustedFileException($"{path}: larger than the limit of {maxBytes:N0} bytes");
            buffer.Write(chunk, 0, n);
        }
    }

    private enum FileKind { Regular, Pipe, Other }

    private static string Describe(FileKind kind) => kind == FileKind.Pipe ? "a pipe or FIFO" : "a device, socket or other special file";

    private static (FileStream Stream, FileKind Kind) Open(string path)
    {
        if (Directory.Exists(path))
            throw new UntrustedFileException($"{path}: a directory, not a file");
        // O_NONBLOCK so that opening a FIFO with no writer returns at once instead of waiting for ever
        var fd = OpenNative(path, ReadOnly | NonBlocking | CloseOnExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new UntrustedFileException($"{path}: {(errno == 2 ? "no such file" : new Win32Exception(errno).Message)}");
        }
        var kind = KindOf(fd);
        var flags = Fcntl(fd, GetFlags, 0);
        if (flags >= 0)
            _ = Fcntl(fd, SetFlags, flags & ~NonBlocking); // reads of a pipe with a writer then wait for data, as a stream
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            return (new FileStream(handle, FileAccess.Read, bufferSize: 0), kind);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            handle.Dispose();
            throw new UntrustedFileException($"{path}: cannot be read ({e.Message})");
        }
    }

    private static FileKind KindOf(int fd)
    {
        // struct stat's st_mode sits at byte 24 on x86-64 and at byte 16 on the generic layout (arm64, riscv64)
        Span<byte> stat = stackalloc byte[256];
        if (Fstat(fd, ref MemoryMarshal.GetReference(stat)) != 0)
            return FileKind.Other;
        var mode = BitConverter.ToUInt32(stat[(RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16)..]);
        return (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x1000 => FileKind.Pipe,
            _ => FileKind.Other,
        };
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int Fstat(int fd, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
