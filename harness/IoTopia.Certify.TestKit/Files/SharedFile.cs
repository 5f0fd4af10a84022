namespace IoTopia.Certify.TestKit;

/// <summary>Reads a file its writer still has open (a journal, a log, an evidence file being appended to).</summary>
public static class SharedFile
{
    public static string ReadAllText(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
