using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Secrets;

namespace IoTopia.Certify.Harness.Tests.Secrets;

/// <summary>The rule for secret values: the !secret tag, key names, !public, and the misuses lint reports at file:line.</summary>
[TestFixture]
public sealed class SecretFinderTests
{
    private static (IReadOnlyList<SecretValue> Secrets, IReadOnlyList<string> Errors) Find(string yaml)
    {
        using var temp = new TempFolder();
        var file = temp.Write("r.yaml", yaml);
        var errors = new InputErrors();
        var secrets = SecretFinder.Find(file, YamlFile.LoadMapping(file), errors);
        return (secrets, errors.Messages.Select(m => m.Replace(file, "r.yaml")).ToList());
    }

    [Test]
    public void KeyNamesTagsAndPublicDecide()
    {
        var (secrets, errors) = Find("""
            dut:
              login-password: hunter22
              password-policy: unique-per-device
              api_token: tok-123456
              psk: wifi-psk-1
              serial: !secret SN-998877
              public-key: !public ssh-ed25519-AAAA
              login-user: root
            drivers:
              power:
                on: !secret "curl -u admin:relaypass http://relay/on"
                tokens:
                  - !secret first-token
                  - not-secret
              empty-password: ""
            """);
        Assert.That(errors, Is.Empty);
        Assert.That(secrets.Select(s => (s.Key, s.Value, s.Because, s.Location.Line)), Is.EqualTo(new[]
        {
            ("dut.login-password", "hunter22", "password", 2L),
            ("dut.api_token", "tok-123456", "token", 4L),
            ("dut.psk", "wifi-psk-1", "psk", 5L),
            ("dut.serial", "SN-998877", "!secret", 6L),
            ("drivers.power.on", "curl -u admin:relaypass http://relay/on", "!secret", 11L),
            ("drivers.power.tokens[0]", "first-token", "!secret", 13L),
        }));
    }

    [Test]
    public void MisusesAreErrorsAtTheirLine()
    {
        var (_, errors) = Find("""
            dut:
              login-password: abc
              serial: !secret 12
              model: !secrets RD-1
              token: [a, b]
              other: !secret { a: b }
              api-key: !public abc
            """);
        Assert.That(errors, Is.EqualTo(new[]
        {
            "r.yaml:2:19: dut.login-password: a secret must be at least 6 characters (it is masked wherever it occurs in the run's record); tag it !public if it is not secret",
            "r.yaml:3:11: dut.serial: a secret must be at least 6 characters (it is masked wherever it occurs in the run's record); leave out !secret if it is not secret",
            "r.yaml:4:10: dut.model: unknown tag '!secrets'; the tags a rig file or statement takes are !secret and !public",
            "r.yaml:5:10: dut.token: a key naming a token needs a single value, not a list; tag each value inside it !secret, or tag it !public",
            "r.yaml:6:10: dut.other: !secret needs a single value, not a mapping; tag each value inside it !secret",
        }));
    }

    [Test]
    public void AnAliasUnderASecretKeyMakesItsAnchoredValueSecret()
    {
        var (secrets, errors) = Find("""
            shared: &pw s3cr3t-value
            dut:
              login-password: *pw
            """);
        Assert.That(errors, Is.Empty);
        var secret = secrets.Single();
        Assert.Multiple(() =>
        {
            Assert.That(secret.Value, Is.EqualTo("s3cr3t-value"));
            Assert.That(secret.Location.Line, Is.EqualTo(1), "where the value is written");
            Assert.That(secret.Anchor, Is.EqualTo("pw"));
        });
    }

    [Test]
    public void TheRigLoaderAndStatementLoaderReportTheirSecretsAndTheirErrors()
    {
        using var temp = new TempFolder();
        var rig = temp.Write("rig.yaml", "name: r\nkind: in-process\ndut:\n  model: M\n  login-password: !secret pw-12345678\n");
        Assert.That(RigLoader.Load(rig, new RigKinds()).Secrets.Single().Key, Is.EqualTo("dut.login-password"));

        var bad = temp.Write("bad.yaml", "name: r\nkind: in-process\ndut:\n  model: !sekret M\n");
        var e = Assert.Throws<InputException>(() => RigLoader.Load(bad, new RigKinds()))!;
        Assert.That(e.Message, Does.Contain($"{bad}:4:10: dut.model: unknown tag '!sekret'"));
    }
}
