using System.IO.Ports;
using System.Text;

namespace IoTopia.Certify.Rigs.Tests.Lab.Support;

/// <summary>The lab end of the serial line, read in the background into text (Latin-1, one char a byte) for waits and failure messages.</summary>
public sealed class SerialTail : IAsyncDisposable
{
    private const int MaxChars = 1024 * 1024;
    private readonly SerialPort _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();
    private readonly Task _reader;

    private SerialTail(SerialPort port)
    {
        _port = port;
        _reader = Task.Run(ReadAsync);
    }

    public static SerialTail Open(string path)
    {
        var port = new SerialPort(path, 115200, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        port.Open();
        return new SerialTail(port);
    }

    public string Text()
    {
        lock (_lock)
            return _text.ToString();
    }

    /// <summary>Printable tail for a test message.</summary>
    public string Tail(int limit = 3000)
    {
        var text = Text();
        var tail = text.Length > limit ? text[^limit..] : text;
        return new string([.. tail.Select(c => c is '\n' or (>= ' ' and < '\u007f') ? c : '.')]);
    }

    public async Task WaitForAsync(string literal, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!Text().Contains(literal, StringComparison.Ordinal))
            await timer.WaitForNextTickAsync(ct);
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var n = await _port.BaseStream.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                    return;
                lock (_lock)
                {
                    if (_text.Length < MaxChars)
                        _text.Append(Encoding.Latin1.GetString(buffer, 0, n));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // closed
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _port.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // stuck in the port: ends with socat
        }
        _stop.Dispose();
    }
}
