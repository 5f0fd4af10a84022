using System.Text;
using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Secrets;

namespace IoTopia.Certify.Harness.Tests.Secrets;

/// <summary>The redacted copy of a rig file or statement: no secret left, every line where it was, still YAML with the same keys.</summary>
[TestFixture]
public sealed class RedactedInputTests
{
    private const string Yaml = """
        # the bench's console password is hunter2-secret (said in a comment too)
        name: bench
        dut:
          login-password: hunter2-secret   # trailing comment
          serial: &sn !secret "SN-4711-0815"
          copy-of-serial: *sn
          banner: |
            not secret
        drivers:
          power:
            on: !secret |
              curl -u admin:relay-pass
              http://relay/on
            off: "true"
          flow: { token: flow-token-1, other: 1 }
          folded-token: >-
            folded
            token text

          list: [a, !secret list-secret-9]
          multi-token: plain
            over two lines
        end: here
        """;

    [Test]
    public void EverySecretIsReplacedLineForLineAndTheCopyReadsBack()
    {
        using var temp = new TempFolder();
        var file = temp.Write("rig.yaml", Yaml);
        var redacted = RedactedInput.Read(file);
        var original = File.ReadAllLines(file);
        var copy = redacted.Text.Split('\n');
        Assert.That(copy, Has.Length.EqualTo(Yaml.Split('\n').Length), "the same number of lines");

        Assert.That(redacted.Secrets.Select(s => s.Key), Is.EqualTo(new[]
        {
            "dut.login-password", "dut.serial", "drivers.power.on", "drivers.flow.token", "drivers.folded-token", "drivers.list[1]", "drivers.multi-token",
        }));
        foreach (var secret in redacted.Secrets)
        {
            foreach (var part in secret.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                Assert.That(redacted.Text, Does.Not.Contain(part), $"{secret.Key} is gone, in every line of it");
        }
        Assert.That(copy[0], Is.EqualTo("# the bench's console password is ************** (said in a comment too)"), "a repeated secret is masked too");

        // every line that holds no secret is unchanged, so errors still point at the right line and column
        var secretLines = redacted.Secrets.SelectMany(s => LinesOf(Yaml, s)).Append(0).ToHashSet();
        for (var i = 0; i < original.Length; i++)
        {
            if (!secretLines.Contains(i))
                Assert.That(copy[i], Is.EqualTo(original[i]), $"line {i + 1}");
        }

        // it is still YAML, with the same secrets at the same places, each now its digest
        var copyFile = temp.Write("copy.yaml", redacted.Text);
        var errors = new InputErrors();
        var again = SecretFinder.Find(copyFile, YamlFile.LoadMapping(copyFile), errors);
        Assert.That(errors.Messages, Is.Empty);
        Assert.That(again.Select(s => (s.Key, s.Location.Line)), Is.EqualTo(redacted.Secrets.Select(s => (s.Key, s.Location.Line))));
        Assert.That(again.Select(s => s.Value), Is.EqualTo(redacted.Recorded.Select(r => $"<redacted {r.Digest}>")));
        Assert.That(redacted.Recorded.Select(r => r.Digest), Has.All.Match(@"^\$pbkdf2-sha256\$i=100000\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$"));
        var map = new YamlMap(copyFile, YamlFile.LoadMapping(copyFile));
        Assert.That(map.Map("dut")!.String("copy-of-serial"), Does.StartWith("<redacted $pbkdf2-sha256"), "an alias follows its anchor");
        Assert.That(map.String("end"), Is.EqualTo("here"));
    }

    [Test]
    public void TheSameSaltsGiveTheSameTextAndAChangedSecretADifferentDigest()
    {
        using var temp = new TempFolder();
        var file = temp.Write("rig.yaml", Yaml);
        var first = RedactedInput.Read(file);
        var fresh = RedactedInput.Read(file);
        var again = RedactedInput.Read(file, first.Recorded);
        Assert.Multiple(() =>
        {
            Assert.That(again.Text, Is.EqualTo(first.Text), "the run's salts reproduce its copy");
            Assert.That(fresh.Text, Is.Not.EqualTo(first.Text), "a new run salts anew: its digests say nothing across runs");
        });

        File.WriteAllText(file, Yaml.Replace("hunter2-secret", "hunter3-secret"));
        var changed = RedactedInput.Read(file, first.Recorded);
        Assert.That(changed.Recorded.Select(r => r.Digest == first.Recorded.Single(f => f.Key == r.Key).Digest),
            Is.EqualTo(new[] { false, true, true, true, true, true, true }));
    }

    [Test]
    public void ByteOrderMarksCrLfAndCharactersBeyondAsciiKeepTheReplacementInPlace()
    {
        using var temp = new TempFolder();
        var yaml = "# Gerät 🔒 des Prüflabors\r\nname: bänch ✓\r\ndut:\r\n  model: \"Ω-1 😀\"\r\n  login-password: \"päss-wört-😀-42\"\r\n  login-user: root\r\n";
        var file = temp.Write("rig.yaml", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(yaml)]);
        var redacted = RedactedInput.Read(file);
        var lines = redacted.Text.Split("\r\n");
        Assert.Multiple(() =>
        {
            Assert.That(lines[4], Is.EqualTo($"  login-password: '<redacted {redacted.Recorded.Single().Digest}>'"));
            Assert.That(lines[3], Is.EqualTo("  model: \"Ω-1 😀\""));
            Assert.That(lines[5], Is.EqualTo("  login-user: root"));
            Assert.That(lines, Has.Length.EqualTo(yaml.Split("\r\n").Length));
        });
    }

    [Test]
    public void AFileWithoutSecretsIsCopiedAsItIs()
    {
        using var temp = new TempFolder();
        var file = temp.Write("rig.yaml", "name: x\n# password: mentioned only in a comment\n");
        var redacted = RedactedInput.Read(file);
        Assert.That(redacted.HasSecrets, Is.False);
        Assert.That(redacted.Bytes(file), Is.EqualTo(File.ReadAllBytes(file)));
    }

    private static IEnumerable<int> LinesOf(string text, SecretValue secret)
    {
        var first = text[..(int)secret.Start].Count(c => c == '\n');
        var last = text[..(int)secret.End].TrimEnd('\n', ' ').Count(c => c == '\n');
        var lines = Enumerable.Range(first, last - first + 1);
        // a repeated occurrence elsewhere (the comment on line 1) is masked where it stands
        return lines.Concat(Regex.Matches(text, Regex.Escape(secret.Value)).Select(m => text[..m.Index].Count(c => c == '\n')));
    }
}
