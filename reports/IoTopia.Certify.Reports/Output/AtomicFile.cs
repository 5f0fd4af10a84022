using System.Text;

namespace IoTopia.Certify.Reports.Output;

/// <summary>Writes a file by writing a temporary file beside it, flushing it, and renaming it over the target.</summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Task WriteAsync(string path, string text, CancellationToken ct) => WriteAsync(path, Utf8.GetBytes(text), ct);

    public static async Task WriteAsync(string path, byte[] bytes, CancellationToken ct)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await stream.WriteAsync(bytes, ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
