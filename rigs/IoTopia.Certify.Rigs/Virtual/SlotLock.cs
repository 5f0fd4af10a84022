using System.Text;

namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>
/// One run's claim on an address slot (127.77.&lt;slot&gt;.0/24; 10.77.&lt;slot&gt;.0/24 and the namespaces of
/// the netns rig, in a pool of their own): an exclusive lock on a file naming who holds it (the run
/// folder). A slot whose file names another holder that is no longer running is taken over, and what
/// that holder left is cleaned up first by the caller.
/// </summary>
public sealed class SlotLock : IDisposable
{
    public const int First = 1;
    public const int Last = 99;

    private readonly FileStream _lock;

    private SlotLock(int slot, FileStream stream, string? previousRun)
    {
        Slot = slot;
        _lock = stream;
        PreviousRun = previousRun;
    }

    public int Slot { get; }

    /// <summary>The run folder that last held this slot, when it was not released cleanly.</summary>
    public string? PreviousRun { get; }

    public static string Folder => Path.Combine(Path.GetTempPath(), "iotopia-certify-slots");

    /// <summary>Takes the first free slot and writes <paramref name="runFolder"/> into its lock file.</summary>
    public static SlotLock Acquire(string runFolder) => Acquire(Folder, runFolder);

    /// <summary>Takes the first free slot of the pool whose lock files are in <paramref name="folder"/>, naming <paramref name="holder"/> in it.</summary>
    public static SlotLock Acquire(string folder, string holder)
    {
        Directory.CreateDirectory(folder);
        for (var slot = First; slot <= Last; slot++)
        {
            var path = Path.Combine(folder, $"slot-{slot}.lock");
            FileStream stream;
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix: another run cannot open it
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // held by a live run
            }
            var previous = new StreamReader(stream, Encoding.UTF8, leaveOpen: true).ReadToEnd().Trim();
            stream.SetLength(0);
            var bytes = Encoding.UTF8.GetBytes(holder + "\n");
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
            return new SlotLock(slot, stream, previous.Length == 0 || previous == holder ? null : previous);
        }
        throw new InvalidOperationException($"all address slots {First}..{Last} are taken by running runs (lock files in {folder})");
    }

    /// <summary>Releases the slot: the file is emptied, so the next run knows nothing was left behind.</summary>
    public void Dispose()
    {
        _lock.SetLength(0);
        _lock.Dispose();
    }
}
