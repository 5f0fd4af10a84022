using System.Text;
using IoTopia.Certify.Fuzz.Oracle;
using IoTopia.Certify.Fuzz.Targets;
using IoTopia.Certify.Fuzz.Tests.Support;

namespace IoTopia.Certify.Fuzz.Tests.Targets;

/// <summary>The MUD JSON reader and validator under mutants of real and our own MUD files: never a crash, hang or runaway allocation.</summary>
[TestFixture]
public sealed class MudFuzzTests() : TargetFixture<MudTarget>(new MudTarget())
{
    [Test]
    public void OurFixturesAndTheirMutants()
    {
        Assert.That(OurSeeds, Is.Not.Empty, "the MUD test fixtures are in the repository");
        MutantsHold(OurSeeds);
    }

    [Test]
    public void TheSharedCorpusAndItsMutants() => MutantsHold(SharedSeeds);

    private static IEnumerable<TestCaseData> Hostile()
    {
        yield return new TestCaseData(new string('[', 60_000) + new string(']', 60_000)).SetName("nested 60,000 deep");
        yield return new TestCaseData(new StringBuilder().Insert(0, "{\"a\":", 60_000).Append('1').Append('}', 60_000).ToString()).SetName("objects nested 60,000 deep");
        yield return new TestCaseData("{\"ietf-mud:mud\": {\"mud-version\": 1e999999, \"cache-validity\": 99999999999999999999999999}}").SetName("huge numbers");
        yield return new TestCaseData("{\"ietf-mud:mud\": {\"mud-url\": \"" + new string('A', 900_000) + "\"}}").SetName("a long string");
        yield return new TestCaseData("{\"ietf-mud:mud\": {\"mud-url\": \"\\ud800\\u0000\"}}").SetName("a lone surrogate and NUL");
        yield return new TestCaseData("[" + string.Concat(Enumerable.Repeat("0,", 300_000)) + "0]").SetName("many values");
    }

    [TestCaseSource(nameof(Hostile))]
    public void HostileJsonIsReportedNotThrown(string json)
    {
        var outcome = Runner.Run(Encoding.UTF8.GetBytes(json), new Corpus.Seed("/hostile.json", []));
        Assert.That(outcome.Verdict, Is.EqualTo(CaseVerdict.Accepted), outcome.ToString());
    }
}
