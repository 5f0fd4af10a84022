namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>
/// A temporary folder for the inputs of targets whose parser reads a path. Each case gets a file of its own,
/// removed after the case: a case left running past its deadline never shares a file with the next one.
/// </summary>
public sealed class Workspace : IDisposable
{
    private long _cases;

    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"certify-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}")).FullName;

    /// <summary>Writes the input as a new file under <paramref name="folder"/> (relative to the workspace) and returns its path.</summary>
    public string Write(byte[] input, string extension, string folder = "")
    {
        var directory = Directory.CreateDirectory(System.IO.Path.Combine(Path, folder)).FullName;
        var file = System.IO.Path.Combine(directory, $"case-{Interlocked.Increment(ref _cases)}{extension}");
        File.WriteAllBytes(file, input);
        return file;
    }

    public static void Remove(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
