using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Harness.Secrets;

/// <summary>One secret value of an input file: its key, where it is written, and why it is secret.</summary>
/// <param name="Key">the value's place in the file, e.g. <c>dut.login-password</c> or <c>drivers.power.tokens[1]</c></param>
/// <param name="Location">where the value starts (its tag or anchor, when it has one)</param>
/// <param name="Start">the character offset where the value's text starts (with its tag or anchor)</param>
/// <param name="End">the character offset just after it</param>
/// <param name="Because">the rule that made it secret: <c>!secret</c>, or the key's word such as <c>password</c></param>
public sealed record SecretValue(string Key, string Value, SourceLocation Location, long Start, long End, string Because, bool Tagged, string? Anchor)
{
    public override string ToString() => $"{Location}: {Key} ({(Because == SecretRule.SecretTag ? "tagged !secret" : $"its key names a {Because}")})";
}
