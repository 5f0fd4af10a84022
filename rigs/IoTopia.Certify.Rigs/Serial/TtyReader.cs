using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// A read-only handle of a serial port's tty, read on the console's own thread: poll(2) wakes it the
/// moment bytes arrive and read(2) takes all there are. System.IO.Ports' reads go through its 1 ms
/// polling loop and then the thread pool for every chunk; on a busy machine those hops let the tty's few
/// kilobytes of buffer fill and the line loses bytes (see the serial throughput test).
/// Open it before the <see cref="System.IO.Ports.SerialPort"/>: that one takes the tty exclusively (TIOCEXCL).
/// </summary>
internal sealed class TtyReader : IDisposable
{
    // Linux's generic open(2) flags: no controlling tty (a session leader would otherwise get SIGHUP with the
    // port), not blocking on the carrier line of a real port, not inherited by child processes
    private const int ReadOnly = 0x0;
    private const int NoControllingTty = 0x100;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const short PollIn = 0x1;
    private const short PollHup = 0x10;
    private const int Interrupted = 4;
    private const int TryAgain = 11;

    private readonly SafeFileHandle _handle;
    private readonly string _path;

    private TtyReader(SafeFileHandle handle, string path)
    {
        _handle = handle;
        _path = path;
    }

    public static TtyReader Open(string path)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("the serial console reads ttys with Linux's poll(2) and read(2)");
        var fd = OpenFile(path, ReadOnly | NoControllingTty | NonBlocking | CloseOnExec);
        if (fd < 0)
            throw new IOException($"cannot open serial port {path} for reading: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        return new TtyReader(new SafeFileHandle(fd, ownsHandle: true), path);
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for bytes and reads what there is into <paramref name="buffer"/>;
    /// returns 0 when nothing came. Throws <see cref="IOException"/> when the port hangs up or fails.
    /// </summary>
    public int Read(byte[] buffer, TimeSpan wait)
    {
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added); // a close from another thread waits until this read is done
            var poll = new PollFd { Fd = (int)_handle.DangerousGetHandle(), Events = PollIn };
            var ready = Poll(ref poll, 1, (int)Math.Clamp(wait.TotalMilliseconds, 0, int.MaxValue));
            if (ready < 0)
                return Marshal.GetLastPInvokeError() == Interrupted ? 0 : throw Failure("poll");
            if (ready == 0)
                return 0;
            if ((poll.Revents & PollIn) == 0)
                throw new IOException((poll.Revents & PollHup) != 0 ? "the port hung up" : $"the port reported an error (poll events 0x{poll.Revents:X})");
            var n = ReadFile(_handle, buffer, buffer.Length);
            if (n > 0)
                return (int)n;
            if (n == 0)
                throw new IOException("the port reported end of stream");
            var error = Marshal.GetLastPInvokeError();
            return error is Interrupted or TryAgain ? 0 : throw Failure("read");
        }
        catch (ObjectDisposedException e)
        {
            throw new IOException($"serial port {_path} was closed", e);
        }
        finally
        {
            if (added)
                _handle.DangerousRelease();
        }
    }

    public void Dispose() => _handle.Dispose();

    private IOException Failure(string call) =>
        new($"{call} on serial port {_path} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenFile([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollFd fds, nuint count, int timeoutMs);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint ReadFile(SafeFileHandle fd, byte[] buffer, nint count);
}
