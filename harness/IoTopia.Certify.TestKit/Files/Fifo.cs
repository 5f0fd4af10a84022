using System.ComponentModel;
using System.Runtime.InteropServices;

namespace IoTopia.Certify.TestKit;

/// <summary>Named pipes for the hostile-file tests, made with mkfifo(3) in process (no child process).</summary>
public static partial class Fifo
{
    private const uint ReadWriteOwner = 0x180; // 0600

    /// <summary>Creates a FIFO at <paramref name="path"/> and returns the path.</summary>
    public static string Create(string path)
    {
        if (MakeFifo(path, ReadWriteOwner) != 0)
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"mkfifo {path}");
        return path;
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);
}
