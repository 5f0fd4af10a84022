using System.IO.Ports;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// Opening serial ports the way ptys and USB adapters need: the path is checked first (System.IO.Ports
/// says "access denied" for a missing one, and a dead pty link still "exists"), DTR/RTS are never touched.
/// </summary>
public static class SerialPorts
{
    /// <summary>True when the path, followed through symbolic links (/dev/serial/by-id, socat's links), names something.</summary>
    public static bool Exists(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is null)
                return info.Exists;
            return info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    public static SerialPort Open(string path, int baud, TimeSpan writeTimeout)
    {
        if (!Exists(path))
            throw new IOException($"no such serial port: {path}");
        var port = new SerialPort(path, baud, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = (int)Math.Clamp(writeTimeout.TotalMilliseconds, 1, int.MaxValue),
        };
        try
        {
            port.Open();
            return port;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or InvalidOperationException)
        {
            port.Dispose();
            throw new IOException($"cannot open serial port {path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Closes a port without hanging the caller: closing a port whose other end vanished with a write
    /// pending can block for good, so that close is given a deadline and then abandoned.
    /// </summary>
    public static async Task<bool> CloseAsync(SerialPort port, TimeSpan deadline)
    {
        var close = Task.Run(port.Dispose);
        try
        {
            await close.WaitAsync(deadline);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
