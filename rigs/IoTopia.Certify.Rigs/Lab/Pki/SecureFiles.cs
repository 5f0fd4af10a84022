using System.Text;

namespace IoTopia.Certify.Rigs.Lab.Pki;

/// <summary>
/// Writes PKI files atomically (temp file, fsync, rename): a reader sees the old file or the new one,
/// never half. Private keys are created 0600; their folders 0700.
/// </summary>
internal static class SecureFiles
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, PrivateFolder);
    }

    public static void Write(string path, string text, UnixFileMode mode)
    {
        var temp = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = mode;
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    /// <summary>A file name part the caller chose (never device data): letters, digits, '-', '_' and '.'.</summary>
    public static string CheckName(string name)
    {
        if (name.Length is 0 or > 64 || name.StartsWith('.') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException($"unsafe PKI file name '{name}'", nameof(name));
        return name;
    }
}
