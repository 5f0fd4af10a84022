using System.Security.Cryptography;
using System.Text;

namespace IoTopia.Certify.Reports.Output;

/// <summary>
/// The CSP source for the report's one inline script: its SHA-256 over the literal text between &lt;script&gt; and
/// &lt;/script&gt; in the template. The page then runs that script and no other, even if markup were ever injected.
/// </summary>
internal static class CspHash
{
    private const string Open = "<script>";
    private const string Close = "</script>";

    public static string OfInlineScript(string templateSource)
    {
        var start = templateSource.IndexOf(Open, StringComparison.Ordinal);
        var end = start < 0 ? -1 : templateSource.IndexOf(Close, start, StringComparison.Ordinal);
        if (start < 0 || end < 0 || templateSource.IndexOf(Open, end, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException("the HTML template must hold exactly one inline <script> block");

        var script = templateSource[(start + Open.Length)..end];
        if (script.Contains("{{", StringComparison.Ordinal) || script.Contains("{%", StringComparison.Ordinal))
            throw new InvalidOperationException("the inline script must be literal text (no Liquid inside)");
        return "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
    }
}
