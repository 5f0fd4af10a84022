namespace IoTopia.Certify.Harness.Records;

/// <summary>
/// Writes a file whole or not at all: into a temporary file beside it, flushed to disk, then renamed over it.
/// A full disk or a kill leaves the old file (or none) and no temporary file that a later write would trip on.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException error)
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // the next write replaces it (FileMode.Create)
            }
            throw new RunFolderWriteException(path, error);
        }
    }
}
