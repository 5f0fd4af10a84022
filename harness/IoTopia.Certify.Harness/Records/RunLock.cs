using System.Diagnostics;
using System.Globalization;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Processes;

namespace IoTopia.Certify.Harness.Records;

/// <summary>
/// One writer per run folder: an OS lock on <c>run.lock</c>, held for as long as the process writing the run lives
/// (the kernel drops it when the process dies, however it dies). The file says who holds it.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string FileName = "run.lock";

    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    /// <exception cref="InputException">another process holds the run; nothing was touched</exception>
    public static RunLock Acquire(RunFolder folder)
    {
        var path = Path.Combine(folder.Root, FileName);
        FileStream stream;
        try
        {
            // FileShare.None takes flock(LOCK_EX | LOCK_NB) on Linux: a second holder fails at once
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException)
        {
            throw new InputException($"{folder.Root}: the run is being written by another certify process ({Holder(path)}); " +
                                     "refusing to touch it. Wait for it to end, or stop it (Ctrl-C) and resume then.");
        }
        if (RecordedHolder(stream) is { } holder && holder.Pid != Environment.ProcessId && holder.IsAlive)
        {
            // the lock file was replaced under a live writer: its process is still there, so it still owns the run
            stream.Dispose();
            throw new InputException($"{folder.Root}: the run's recorded writer, pid {holder.Pid}, is still alive; refusing to touch it.");
        }
        var self = Process.GetCurrentProcess();
        var ticks = ProcessIdentity.ReadStartTicks(Environment.ProcessId) ?? 0;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} start-ticks {ticks} started {self.StartTime.ToUniversalTime():O}\n");
        stream.SetLength(0);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
        stream.Flush();
        return new RunLock(stream);
    }

    private static ProcessIdentity? RecordedHolder(FileStream stream)
    {
        var buffer = new byte[200];
        var n = stream.Read(buffer);
        stream.Seek(0, SeekOrigin.Begin);
        var words = System.Text.Encoding.UTF8.GetString(buffer, 0, n).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words is ["pid", var pid, "start-ticks", var ticks, ..]
               && int.TryParse(pid, CultureInfo.InvariantCulture, out var p) && long.TryParse(ticks, CultureInfo.InvariantCulture, out var t)
            ? new ProcessIdentity(p, t)
            : null;
    }

    private static string Holder(string path)
    {
        try
        {
            // opened without a lock of its own: .NET's FileStream would ask for a shared flock and be refused
            var text = Files.UntrustedFile.ReadAllText(path, 4096).Trim();
            return text.Length == 0 ? "holder unknown" : text;
        }
        catch (IOException)
        {
            return "holder unknown";
        }
    }

    public void Dispose() => _stream.Dispose();
}
