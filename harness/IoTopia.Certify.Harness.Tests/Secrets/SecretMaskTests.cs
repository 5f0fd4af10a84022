using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Secrets;

namespace IoTopia.Certify.Harness.Tests.Secrets;

/// <summary>Masking a secret in every form it can be written in, in text, in JSON and in a stream written in pieces.</summary>
[TestFixture]
public sealed class SecretMaskTests
{
    private const string Secret = "Zq7+hunter/2\"<x>";
    private static readonly SecretMask Mask = new([Secret, "second-secret"]);

    /// <summary>Every way a secret shows up in bytes that tests grep for.</summary>
    private static IEnumerable<string> Forms(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        yield return secret;
        yield return Convert.ToHexStringLower(bytes);
        yield return Convert.ToHexString(bytes);
        yield return Convert.ToBase64String(bytes);
        yield return Uri.EscapeDataString(secret);
        yield return JsonSerializer.Serialize(secret)[1..^1];
    }

    [Test]
    public void EveryFormIsMaskedAndLengthsAndLineBreaksStay()
    {
        foreach (var form in Forms(Secret))
        {
            var text = $"before {form}\nafter";
            var masked = Mask.Mask(text);
            Assert.That(masked, Does.Not.Contain(form), form);
            Assert.That(masked, Has.Length.EqualTo(text.Length));
            Assert.That(masked, Does.StartWith("before ").And.EndWith("\nafter"));
        }
        Assert.That(Mask.Mask("nothing to hide"), Is.EqualTo("nothing to hide"));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void ASecretInsideLongerBase64IsMaskedAtEachAlignment(int before)
    {
        var payload = Encoding.UTF8.GetBytes(new string('a', before) + "user:" + Secret + "@host");
        var encoded = Convert.ToBase64String(payload);
        var masked = Mask.Mask($"Authorization: Basic {encoded}");
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(masked["Authorization: Basic ".Length..].Replace('*', 'A')));
        Assert.That(decoded, Does.Not.Contain(Secret));
        Assert.That(decoded.Contains(Secret[2..^2], StringComparison.Ordinal), Is.False, "only the bytes at the edges of the secret can survive");
    }

    [Test]
    public void JsonStringsAreMaskedAndTheJsonStaysValid()
    {
        var json = JsonSerializer.Serialize(new { text = $"typed {Secret}", list = new[] { "second-secret" }, n = 5 });
        var masked = Mask.MaskJson(json, JsonSerializerOptions.Default);
        var node = JsonNode.Parse(masked)!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)node["text"], Is.EqualTo("typed " + new string('*', Secret.Length)));
            Assert.That((string?)node["list"]![0], Is.EqualTo(new string('*', "second-secret".Length)));
            Assert.That((int)node["n"]!, Is.EqualTo(5));
        });
        var untouched = JsonSerializer.Serialize(new { text = "nothing" });
        Assert.That(Mask.MaskJson(untouched, JsonSerializerOptions.Default), Is.SameAs(untouched));
    }

    [Test]
    public void ASecretSplitAcrossWritesIsMaskedAtEverySplit()
    {
        var data = Encoding.UTF8.GetBytes($"login ok\r\npassword echoed: {Secret}\r\n$ ");
        for (var split = 0; split <= data.Length; split++)
        {
            var stream = Mask.ForStream();
            var output = new List<byte>();
            output.AddRange(stream.Push(data.AsSpan(0, split)).ToArray());
            output.AddRange(stream.Push(data.AsSpan(split)).ToArray());
            output.AddRange(stream.Flush().ToArray());
            var text = Encoding.UTF8.GetString([.. output]);
            Assert.That(text, Has.Length.EqualTo(data.Length), $"split at {split}");
            Assert.That(text, Does.Not.Contain(Secret), $"split at {split}");
            Assert.That(text, Does.EndWith($"{new string('*', Secret.Length)}\r\n$ "), $"split at {split}");
        }
    }

    [Test]
    public void OnlyWhatMayBeginASecretIsHeldBack()
    {
        var stream = Mask.ForStream();
        Assert.That(stream.Push("plain text\n"u8).ToArray(), Is.EqualTo("plain text\n"u8.ToArray()), "nothing held");
        Assert.That(Encoding.UTF8.GetString(stream.Push("then Zq7"u8)), Is.EqualTo("then "), "the start of a secret waits");
        Assert.That(Encoding.UTF8.GetString(stream.Push("!"u8)), Is.EqualTo("Zq7!"), "and goes out once it is not one");
        Assert.That(Encoding.UTF8.GetString(stream.Push("secon"u8)), Is.Empty);
        Assert.That(Encoding.UTF8.GetString(stream.Flush()), Is.EqualTo("secon"), "the end of the stream lets it out");
    }
}
