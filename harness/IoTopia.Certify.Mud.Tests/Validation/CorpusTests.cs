using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Tests.Support;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Mud.Tests.Validation;

/// <summary>Every real MUD file of ../shared/mud-corpus gets the answer its README gives.</summary>
public class CorpusTests
{
    [TestCase("osmud-rfc8520-example-lightbulb2000.json")]
    [TestCase("cisco-example-luminaire-150.json")]
    public void FinalRfcFilesAreValidWithoutWarnings(string name)
    {
        var result = MudValidator.ValidateFile(Corpus.File(name));
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True, string.Join("\n", result.Problems));
            Assert.That(result.Problems, Is.Empty);
        });
    }

    [Test]
    public void TapoPlugIsValidWithItsQuirksWarned()
    {
        var result = MudValidator.ValidateFile(Corpus.File("tplink-tapo-p115.json"));
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True, string.Join("\n", result.Problems));
            Assert.That(Rules(result), Is.EquivalentTo(new[] { "legacy-access-lists", "controller-urn-unregistered" }));
            Assert.That(result.Mud!.Policy(Direction.FromDevice).Single().Aces, Has.Count.EqualTo(5));
            Assert.That(result.Mud.Policy(Direction.ToDevice).Single().Aces, Has.Count.EqualTo(6));
            Assert.That(result.Mud.Policy(Direction.FromDevice)[0].Aces[1].Matches.Ipv4!.DestinationDnsName, Is.EqualTo("aps1-openapi.i.tplinknbu.com"));
        });
    }

    [Test]
    public void AmazonEchoIsValidWithEveryRealWorldQuirkWarned()
    {
        var result = MudValidator.ValidateFile(Corpus.File("amazon-echo-unsw-2018-04.json"));
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True, string.Join("\n", result.Problems));
            Assert.That(Rules(result), Is.SupersetOf(new[] { "legacy-access-lists", "ethernet-acl-type", "ethertype-hex-string", "controller-urn-unregistered" }));
            Assert.That(result.Problems.All(p => p.Severity == Severity.Warning), Is.True);
            Assert.That(result.Mud!.Acls, Has.Count.EqualTo(3));
            Assert.That(result.Mud.Acls.Sum(a => a.Aces.Count), Is.EqualTo(71));
            Assert.That(result.Mud.Acls[2].Aces[1].Matches.Eth!.Ethertype, Is.EqualTo(0x888E));
        });
    }

    [Test]
    public void NistToothbrushUsesEveryAugmentationAndIsValid()
    {
        var result = MudValidator.ValidateFile(Corpus.File("nist-mudmaker-toothbrush-super1.json"));
        var matches = result.Mud!.Acls.SelectMany(a => a.Aces).Select(a => a.Matches.Mud).OfType<MudMatch>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True, string.Join("\n", result.Problems));
            Assert.That(Rules(result), Is.EquivalentTo(new[] { "legacy-access-lists" }));
            Assert.That(matches.Any(m => m.Manufacturer == "toaster.nist.gov"), Is.True);
            Assert.That(matches.Any(m => m.SameManufacturer), Is.True);
            Assert.That(matches.Any(m => m.Controller == "http://monitor.nist.gov/mycontroller"), Is.True);
            Assert.That(matches.Any(m => m.MyController), Is.True);
            Assert.That(matches.Any(m => m.LocalNetworks), Is.True);
        });
    }

    [Test]
    public void NamibFileIsRejectedNamingEachProblem()
    {
        var result = MudValidator.ValidateFile(Corpus.File("namib-mudmaker-lightbulb2000-INVALID-dup-ace-names.json"));
        var errors = result.Problems.Where(p => p.IsError).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(errors.Count(p => p.Rule == "ace-name-unique"), Is.EqualTo(2));
            Assert.That(errors.Single(p => p.Rule == "ace-name-unique" && p.Message.Contains("myman1-todev")).Line, Is.EqualTo(58));
            Assert.That(errors.Count(p => p.Rule == "acl-type-identity"), Is.EqualTo(2));
            Assert.That(errors.First(p => p.Rule == "acl-type-identity").Message, Does.Contain("'ipv4'"));
            Assert.That(errors.Count(p => p.Rule == "yang-empty"), Is.EqualTo(8));
            Assert.That(errors.First(p => p.Rule == "yang-empty").Path, Is.EqualTo("$.ietf-access-control-list:acls.acl[0].aces.ace[0].matches.ietf-mud:mud.same-manufacturer"));
        });
    }

    [Test]
    public void OsmudDraftFileIsRejectedAsPreRfc()
    {
        var result = MudValidator.ValidateFile(Corpus.File("osmud-lightbulb2000-LEGACY-draft-format.json"));
        var problem = result.Problems.Single(p => p.Rule == "pre-rfc-draft");
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(problem.Message, Does.Contain("pre-RFC draft").And.Contain("not RFC 8520"));
            Assert.That(problem.Line, Is.EqualTo(32));
            Assert.That(result.Problems.Count(p => p.IsError), Is.EqualTo(1), string.Join("\n", result.Problems));
        });
    }

    private static IReadOnlyCollection<string> Rules(MudValidationResult result) => result.Problems.Select(p => p.Rule).Distinct().ToList();
}
