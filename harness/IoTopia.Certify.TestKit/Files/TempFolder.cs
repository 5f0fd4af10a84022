namespace IoTopia.Certify.TestKit;

/// <summary>A fresh folder under the system temp directory for one test (or fixture), removed on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "certify-tests-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    /// <summary>The path of <paramref name="name"/> inside the folder (nothing is created).</summary>
    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a text file into the folder and returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = Sub(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes a binary file into the folder and returns its path.</summary>
    public string Write(string name, byte[] content)
    {
        var path = Sub(name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
        catch (UnauthorizedAccessException)
        {
            // a test made something unreadable: left for the OS to clean
        }
    }
}
