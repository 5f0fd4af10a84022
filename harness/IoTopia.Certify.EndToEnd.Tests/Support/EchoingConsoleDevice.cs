using System.Text;

namespace IoTopia.Certify.EndToEnd.Tests.Support;

/// <summary>
/// A device console on the device end of a pty pair, as careless devices have it: it echoes everything typed,
/// the password too, and <c>show-credentials</c> prints the password in base64 and in hex. Login with
/// <see cref="User"/> and the given password; <c>logout</c> returns to the login prompt. Ends when its pty goes away.
/// </summary>
public sealed class EchoingConsoleDevice : IDisposable
{
    public const string User = "admin";
    public const string LoginPrompt = "echodev login: ";
    public const string ShellPrompt = "# ";

    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(10);

    private readonly FileStream _tty;
    private readonly string _password;
    private readonly Thread _thread;

    private EchoingConsoleDevice(string deviceEnd, string password)
    {
        _tty = new FileStream(deviceEnd, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        _password = password;
        _thread = new Thread(Run) { IsBackground = true, Name = "echoing console device" };
    }

    /// <summary>Lines it received, the typed password among them (for the test to see the device really got it).</summary>
    public List<string> Received { get; } = [];

    public static EchoingConsoleDevice Start(string deviceEnd, string password)
    {
        var device = new EchoingConsoleDevice(deviceEnd, password);
        device._thread.Start();
        return device;
    }

    /// <summary>Waits for the device to end; its pty pair must be gone first (that ends the blocking read).</summary>
    public void Dispose()
    {
        if (!_thread.Join(StopDeadline))
            throw new TimeoutException($"the echoing device did not stop within {StopDeadline.TotalSeconds} s of its pty going away");
        _tty.Dispose();
    }

    private void Run()
    {
        try
        {
            Write("EchoDev 1.0 (serial ED-0001)\r\n" + LoginPrompt);
            while (true)
            {
                var user = ReadLine();
                if (user.Length == 0)
                {
                    Write(LoginPrompt);
                    continue;
                }
                Write("Password: ");
                var password = ReadLine();
                if (user != User || password != _password)
                {
                    Write("Login incorrect\r\n" + LoginPrompt);
                    continue;
                }
                Write(ShellPrompt);
                Shell();
                Write(LoginPrompt);
            }
        }
        catch (IOException)
        {
            // the pty pair is gone: the device is off
        }
    }

    private void Shell()
    {
        while (true)
        {
            var command = ReadLine();
            switch (command)
            {
                case "logout":
                    return;
                case "show-credentials":
                    var bytes = Encoding.UTF8.GetBytes(_password);
                    Write($"user {User} base64 {Convert.ToBase64String(bytes)} hex {Convert.ToHexStringLower(bytes)}\r\n");
                    break;
                case "":
                    break;
                default:
                    Write($"sh: {command}: not found\r\n");
                    break;
            }
            Write(ShellPrompt);
        }
    }

    /// <summary>A line as typed, each byte echoed as it comes (Enter is CR or LF).</summary>
    private string ReadLine()
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (_tty.Read(one) == 0)
                throw new IOException("end of the pty");
            if (one[0] is (byte)'\r' or (byte)'\n')
            {
                Write("\r\n");
                lock (Received)
                    Received.Add(line.ToString());
                return line.ToString();
            }
            _tty.Write(one);
            line.Append((char)one[0]);
        }
    }

    private void Write(string text) => _tty.Write(Encoding.UTF8.GetBytes(text));
}
