namespace IoTopia.Certify.Reports.Tests.Samples;

/// <summary>A run folder under the system temp directory, deleted on dispose.</summary>
public sealed class TempRunFolder : IDisposable
{
    public TempRunFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "iotopia-reports-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder is harmless
        }
    }
}
