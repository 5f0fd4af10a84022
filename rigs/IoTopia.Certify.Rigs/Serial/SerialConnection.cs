using System.IO.Ports;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>One opening of the console's port: the port (settings, writes), its reader, and the signal that it was lost.</summary>
internal sealed class SerialConnection
{
    private SerialConnection(SerialPort port, TtyReader reader)
    {
        Port = port;
        Reader = reader;
    }

    public SerialPort Port { get; }
    public TtyReader Reader { get; }
    public CancellationTokenSource Lost { get; } = new();

    /// <summary>Opens the reader first: the port then takes the tty exclusively (TIOCEXCL).</summary>
    public static SerialConnection Open(string path, int baud, TimeSpan writeTimeout)
    {
        if (!SerialPorts.Exists(path))
            throw new IOException($"no such serial port: {path}");
        var reader = TtyReader.Open(path);
        try
        {
            return new SerialConnection(SerialPorts.Open(path, baud, writeTimeout), reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }
}
