using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Mud.Tests.Support;
using static IoTopia.Certify.Mud.Tests.Flows.SensorVariant;

namespace IoTopia.Certify.Mud.Tests.Flows;

/// <summary>
/// Match leaves the checker does not model: every one is listed, and a flow whose outcome depends on whether
/// such an ACE applies is inconclusive — never allowed, never a violation on a guess.
/// </summary>
public class UnmodelledLeafTests
{
    private const string Peer = "198.51.100.50";
    private const string Out = """{"ipv4": {"protocol": 17}, "udp": {"destination-port": {"operator": "eq", "port": 9000}}}""";
    private const string OutTtl = """{"ipv4": {"protocol": 17, "ttl": 1}, "udp": {"destination-port": {"operator": "eq", "port": 9000}}}""";
    private const string Back = """{"ipv4": {"protocol": 17}, "udp": {"source-port": {"operator": "eq", "port": 9000}}}""";

    private static DeviceTraffic Traffic() => Sensor.Compliant().UdpExchange(Peer, 9000);

    [Test]
    public void AcceptThatAloneWouldAllowIsInconclusive()
    {
        var report = Check(MudWith([Ace("ttl-bound", OutTtl)], [Ace("back", Back)]), Traffic());
        var flow = report.To(Peer);
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Inconclusive), Sensor.Describe(report));
            Assert.That(flow.Outcome, Is.EqualTo(FlowOutcome.Inconclusive));
            Assert.That(flow.Directions[0].Undecided, Is.True);
            Assert.That(flow.Reason, Does.Contain("ACE from-ipv4-sensor/ttl-bound would allow it but has match leaves this checker does not model (ipv4.ttl)"));
            Assert.That(flow.Reason, Does.Contain("if it does not apply: no ACE allows it"));
            Assert.That(report.Reason, Does.Contain("1 flow(s) cannot be decided: ACE from-ipv4-sensor/ttl-bound"));
        });
    }

    [Test]
    public void DropBeforeAnAcceptIsInconclusive()
    {
        var report = Check(MudWith([Ace("ttl-drop", OutTtl, "drop"), Ace("out", Out)], [Ace("back", Back)]), Traffic());
        var without = Check(MudWith([Ace("out", Out)], [Ace("back", Back)]), Traffic());
        Assert.Multiple(() =>
        {
            Assert.That(report.To(Peer).Outcome, Is.EqualTo(FlowOutcome.Inconclusive), Sensor.Describe(report));
            Assert.That(report.To(Peer).Reason, Does.Contain("ACE from-ipv4-sensor/ttl-drop would deny it but has match leaves this checker does not model (ipv4.ttl); if it does not apply: allowed by from-ipv4-sensor/out"));
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Inconclusive));
            Assert.That(without.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(without));
        });
    }

    [Test]
    public void UnmodelledAceThatWouldDecideTheSameLeavesTheOutcome()
    {
        var bothAllow = Check(MudWith([Ace("ttl-bound", OutTtl), Ace("out", Out)], [Ace("back", Back)]), Traffic());
        var bothDeny = Check(MudWith([Ace("ttl-drop", OutTtl, "drop")], [Ace("back", Back)]), Traffic());
        Assert.Multiple(() =>
        {
            Assert.That(bothAllow.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(bothAllow));
            Assert.That(bothAllow.To(Peer).Directions[0].DecidedBy!.Ace, Is.EqualTo("out"));
            Assert.That(bothAllow.To(Peer).Directions[0].Reason, Does.Contain("ttl-bound, which this checker cannot fully evaluate, would decide the same"));
            Assert.That(bothDeny.Verdict, Is.EqualTo(CheckVerdict.Violations), Sensor.Describe(bothDeny));
            Assert.That(bothDeny.To(Peer).Outcome, Is.EqualTo(FlowOutcome.Violation));
        });
    }

    [Test]
    public void UnknownMemberOfTheMudMatchIsNotIgnoredWhenJudging()
    {
        // A misspelt or unregistered abstraction narrows the ACE in its author's mind: it must not make the ACE match everything.
        var mud = MudWith([Ace("gateway-only", """{"ietf-mud:mud": {"my-gateway": [null]}, "ipv4": {"protocol": 17}, "udp": {"destination-port": {"operator": "eq", "port": 9000}}}""")],
            [Ace("back", Back)]);
        var report = Check(mud, Traffic());
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Inconclusive), Sensor.Describe(report));
            Assert.That(report.To(Peer).Reason, Does.Contain("(ietf-mud:mud.my-gateway)"));
            Assert.That(report.UnmodelledLeaves.Single().Leaf.Known, Is.False);
        });
    }

    [Test]
    public void ReportListsEveryUnmodelledLeafWithItsAce()
    {
        var mud = MudWith([Ace("ttl-bound", OutTtl), Ace("syn-only", """{"ipv4": {"protocol": 6, "dscp": 46}, "tcp": {"flags": "syn", "destination-port": {"operator": "eq", "port": 9100}}}""")],
            [Ace("echo", """{"ipv4": {"protocol": 1}, "icmp": {"type": 0, "rest-of-header": "AAAA"}}"""), Ace("any-port", """{"ipv4": {"protocol": 17}, "egress-interface": "eth0"}""")]);
        var report = Check(mud, Sensor.Compliant());
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), "no flow depends on them: " + Sensor.Describe(report));
            Assert.That(report.UnmodelledLeaves.Select(u => $"{u.Ace}: {u.Leaf}"), Is.EquivalentTo(new[]
            {
                "from-ipv4-sensor/ttl-bound: ipv4.ttl",
                "from-ipv4-sensor/syn-only: ipv4.dscp",
                "from-ipv4-sensor/syn-only: tcp.flags",
                "to-ipv4-sensor/echo: icmp.rest-of-header",
                "to-ipv4-sensor/any-port: egress-interface",
            }));
            Assert.That(report.UnmodelledLeaves.All(u => u.Leaf.Known && u.Leaf.Location.Line > 0), Is.True);
        });
    }

    [Test]
    public void UnmodelledAceBehindADecidingAceChangesNothing()
    {
        var report = Check(MudWith([Ace("out", Out), Ace("ttl-drop", OutTtl, "drop")], [Ace("back", Back)]), Traffic());
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo(CheckVerdict.Compliant), Sensor.Describe(report));
            Assert.That(report.UnusedAces.Select(a => a.Ace), Does.Contain("ttl-drop"));
        });
    }
}
