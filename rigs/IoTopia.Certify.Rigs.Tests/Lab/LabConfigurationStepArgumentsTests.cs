using IoTopia.Certify.Rigs.Lab.Dns;
using IoTopia.Certify.Rigs.Lab.Steps;

namespace IoTopia.Certify.Rigs.Tests.Lab;

/// <summary>What <c>lab.dns-answer</c> and <c>lab.https-respond</c> refuse when a suite is loaded (each message becomes a file:line error).</summary>
[TestFixture]
public sealed class LabConfigurationStepArgumentsTests
{
    [Test]
    public void DnsAnswerArgumentsAreChecked()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Dns("cloud.example", DnsAnswerKind.Nxdomain), Is.Empty);
            Assert.That(Dns("cloud.example", DnsAnswerKind.Address, "127.77.1.20"), Is.Empty);
            Assert.That(Dns("bad name!", DnsAnswerKind.Refused), Has.Some.Contains("not a host name"));
            Assert.That(Dns("cloud.example", DnsAnswerKind.Address), Has.Some.Contains("required with answer: address"));
            Assert.That(Dns("cloud.example", DnsAnswerKind.NoData, "127.77.1.20"), Has.Some.Contains("only with answer: address"));
            Assert.That(Dns("cloud.example", DnsAnswerKind.Address, "::1"), Has.Some.Contains("not an IPv4 address"));
        });
    }

    [Test]
    public void HttpsRespondArgumentsAreChecked()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Https(new() { Host = "cloud.example", Path = "/telemetry", Status = 503, Body = "{}" }), Is.Empty);
            Assert.That(Https(new() { Host = "*", Path = "/firmware/*", BodyFile = "image.bin" }), Is.Empty);
            Assert.That(Https(new() { Host = "cloud example", Path = "/x" }), Has.Some.Contains("not a host name"));
            Assert.That(Https(new() { Host = "cloud.example", Path = "x" }), Has.Some.Contains("is not a path"));
            Assert.That(Https(new() { Host = "cloud.example", Path = "/a*b" }), Has.Some.Contains("is not a path"));
            Assert.That(Https(new() { Host = "cloud.example", Path = "/x", Status = 101 }), Has.Some.Contains("not a final HTTP status"));
            Assert.That(Https(new() { Host = "cloud.example", Path = "/x", Body = "a", BodyFile = "b" }), Has.Some.Contains("give one"));
            Assert.That(Https(new() { Host = "cloud.example", Path = "/x", Headers = new() { ["Content-Length"] = "9" } }), Has.Some.Contains("set by the server"));
            Assert.That(Https(new() { Host = "cloud.example", Path = "/x", Headers = new() { ["X-Ok"] = "a\r\nInjected: 1" } }), Has.Some.Contains("control characters"));
            Assert.That(Https(new() { Host = "cloud.example", Path = "/x", Headers = new() { ["Bad Name"] = "1" } }), Has.Some.Contains("not a header name"));
        });
    }

    private static List<string> Dns(string name, DnsAnswerKind answer, string? address = null) =>
        [.. new DnsAnswerStep.Arguments { Name = name, Answer = answer, Address = address }.Validate()];

    private static List<string> Https(HttpsRespondStep.Arguments arguments) => [.. arguments.Validate()];
}
