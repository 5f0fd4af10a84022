namespace IoTopia.Certify.Reports.Pdf;

/// <summary>A file:// URL for an absolute path, every segment percent-encoded (a '#', '%' or '?' in a folder name stays part of the path).</summary>
internal static class FileUri
{
    public static string Of(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var segments = full.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString);
        return "file:///" + string.Join('/', segments);
    }
}
