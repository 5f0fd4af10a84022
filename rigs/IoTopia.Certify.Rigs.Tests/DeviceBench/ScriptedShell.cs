using System.IO.Ports;
using System.Text;

namespace IoTopia.Certify.Rigs.Tests.DeviceBench;

/// <summary>
/// A tiny shell on the device end of a pty pair, for behaviour a real shell will not show on demand (an
/// error message worded as a given device words it, a prompt that never comes back, a log line right after
/// the prompt): it prints its prompt, reads a line (echoing it, or not), and answers with the script's reply.
/// </summary>
internal sealed class ScriptedShell : IAsyncDisposable
{
    private readonly SerialPort _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _commands = [];
    private readonly Lock _lock = new();

    private ScriptedShell(SerialPort port, string prompt, Func<string, ScriptedReply> reply, bool echo)
    {
        _port = port;
        _loop = Task.Run(() => LoopAsync(prompt, reply, echo, _stop.Token));
    }

    /// <summary>The command lines received, in order.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_lock)
                return [.. _commands];
        }
    }

    public static ScriptedShell Start(string deviceEnd, string prompt, Func<string, ScriptedReply> reply, bool echo)
    {
        var port = new SerialPort(deviceEnd, 115200) { Handshake = Handshake.None, WriteTimeout = 5000 };
        port.Open();
        return new ScriptedShell(port, prompt, reply, echo);
    }

    private async Task LoopAsync(string prompt, Func<string, ScriptedReply> reply, bool echo, CancellationToken ct)
    {
        var stream = _port.BaseStream;
        await WriteAsync(stream, prompt, ct);
        var line = new StringBuilder();
        var buffer = new byte[256];
        while (!ct.IsCancellationRequested)
        {
            var n = await stream.ReadAsync(buffer, ct);
            for (var i = 0; i < n; i++)
            {
                var c = (char)buffer[i];
                if (c is not ('\r' or '\n'))
                {
                    line.Append(c);
                    if (echo)
                        await WriteAsync(stream, c.ToString(), ct);
                    continue;
                }
                if (c == '\n')
                    continue;
                var command = line.ToString();
                line.Clear();
                lock (_lock)
                    _commands.Add(command);
                var answer = reply(command);
                var text = new StringBuilder("\r\n");
                foreach (var output in answer.Lines)
                    text.Append(output).Append("\r\n");
                if (!answer.NoPrompt)
                    text.Append(prompt).Append(answer.AfterPrompt);
                await WriteAsync(stream, text.ToString(), ct);
            }
        }
    }

    private static async Task WriteAsync(Stream stream, string text, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await stream.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _port.Dispose(); // ends a read still waiting
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException or TimeoutException)
        {
            // stopped
        }
        _stop.Dispose();
    }
}
