using System.Text;
using IoTopia.Certify.Mud.Tests.Support;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Mud.Tests.Parsing;

/// <summary>Whatever the bytes, validation returns problems: it never throws and never hangs.</summary>
public class HostileInputTests
{
    [Test]
    public void RandomCorruptionsOfAValidFileNeverThrow()
    {
        var original = Glow40.Bytes;
        var random = new Random(8520);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = (byte[])original.Clone();
            var edits = random.Next(1, 6);
            for (var e = 0; e < edits; e++)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var cut = random.Next(10) == 0 ? bytes[..random.Next(bytes.Length)] : bytes;
            Assert.DoesNotThrow(() => MudValidator.Validate("fuzz.json", cut), $"seed 8520, iteration {i}");
        }
    }

    [Test]
    public void WrongJsonTypesEverywhereNeverThrow()
    {
        // Replace every value in turn by values of every other JSON kind.
        var text = Glow40.Text;
        string[] replacements = ["null", "[]", "{}", "[null]", "\"s\"", "-1", "1e400", "true"];
        var valueStarts = Enumerable.Range(0, text.Length).Where(i => i > 2 && text[i - 2] == ':' && text[i - 1] == ' ').ToList();
        foreach (var start in valueStarts)
        {
            var end = ValueEnd(text, start);
            foreach (var r in replacements)
            {
                var mutated = text[..start] + r + text[end..];
                Assert.DoesNotThrow(() => MudValidator.Validate("types.json", Encoding.UTF8.GetBytes(mutated)), mutated[Math.Max(0, start - 40)..Math.Min(mutated.Length, start + 40)]);
            }
        }
    }

    [Test]
    public void LargeFileJustUnderTheLimitIsValidated()
    {
        // ~900 KB of ACEs, just under the size limit.
        var aces = string.Join(",", Enumerable.Range(0, 4500).Select(i =>
            $"{{\"name\": \"a{i}\", \"matches\": {{\"ipv4\": {{\"protocol\": 6, \"ietf-acldns:dst-dnsname\": \"h{i}.example.net\"}}, \"tcp\": {{\"destination-port\": {{\"operator\": \"eq\", \"port\": 443}}}}}}, \"actions\": {{\"forwarding\": \"accept\"}}}}"));
        var text = $"{{\"ietf-mud:mud\": {{\"mud-version\": 1, \"mud-url\": \"https://a.example/m\", \"last-update\": \"2026-01-01T00:00:00Z\", \"is-supported\": true, \"from-device-policy\": {{\"access-lists\": {{\"access-list\": [{{\"name\": \"big\"}}]}}}}}}, \"ietf-access-control-list:acls\": {{\"acl\": [{{\"name\": \"big\", \"type\": \"ipv4-acl-type\", \"aces\": {{\"ace\": [{aces}]}}}}]}}}}";
        var result = MudValidator.Validate("big.json", Encoding.UTF8.GetBytes(text));
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True, string.Join("\n", result.Problems.Take(5)));
            Assert.That(result.Mud!.Acls[0].Aces, Has.Count.EqualTo(4500));
        });
    }

    private static int ValueEnd(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    inString = false;
                continue;
            }
            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']' when depth == 0:
                    return i;
                case '}' or ']':
                    depth--;
                    if (depth == 0)
                        return i + 1;
                    break;
                case ',' when depth == 0:
                    return i;
            }
        }
        return text.Length;
    }
}
