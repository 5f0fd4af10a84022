using System.Text;

namespace IoTopia.Certify.TestKit;

/// <summary>The ways a secret can sit in a file that a test greps for: as it is, in hex (either case), in base64 (and base64url), URL-escaped.</summary>
public static class SecretForms
{
    public static IReadOnlyList<string> Of(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        var base64 = Convert.ToBase64String(bytes);
        return new[]
        {
            secret, Convert.ToHexStringLower(bytes), Convert.ToHexString(bytes), base64, base64.TrimEnd('='),
            base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'), Uri.EscapeDataString(secret),
        }.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The first form of <paramref name="secret"/> found in <paramref name="content"/> (binary or text), or null.</summary>
    public static string? Find(ReadOnlySpan<byte> content, string secret)
    {
        foreach (var form in Of(secret))
        {
            if (content.IndexOf(Encoding.UTF8.GetBytes(form)) >= 0)
                return form;
        }
        return null;
    }

    /// <summary>Every file under <paramref name="folder"/>, recursively, that holds a form of a secret: "path: form".</summary>
    public static IReadOnlyList<string> FilesHolding(string folder, params string[] secrets) =>
    [
        .. from file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
           let content = File.ReadAllBytes(file)
           from secret in secrets
           let form = Find(content, secret)
           where form is not null
           select $"{Path.GetRelativePath(folder, file)}: {form}",
    ];
}
