using System.Text;
using CsCheck;

namespace IoTopia.Certify.Fuzz.Mutation;

/// <summary>
/// CsCheck generators of mutations: byte-level for every format (bit flips, interesting values, insertions,
/// deletions, truncation, splicing, duplicated blocks) and, for JSON and YAML, structure-aware ones (tokens of
/// the format, deep nesting, alias chains, huge numbers and durations, long strings).
/// </summary>
public static class Mutations
{
    private static readonly Gen<uint> Position = Gen.UInt;

    /// <summary>Sizes spread evenly over powers of two up to 2^<paramref name="maxExponent"/>: small ones often, huge ones now and then.</summary>
    private static Gen<int> LogSize(int maxExponent) =>
        Gen.Select(Gen.Int[0, maxExponent], Gen.Int[0, int.MaxValue], (e, r) => (1 << e) + r % (1 << e));

    private static readonly Gen<Mutation> Bytes = Gen.Frequency(
        (4, Gen.Select(Position, Gen.Int[0, 7], (at, bit) => (Mutation)new FlipBit(at, bit))),
        (3, Gen.Select(Position, Gen.Int[0, 3], Gen.Int[0, SetInteresting.Values.Length - 1], Gen.Bool, (at, w, which, be) => (Mutation)new SetInteresting(at, w, which, be))),
        (2, Gen.Select(Position, Gen.Byte.Array[1, 16], (at, b) => (Mutation)new InsertBytes(at, b))),
        (2, Gen.Select(Position, Gen.Int[1, 256], (at, n) => (Mutation)new DeleteRange(at, n))),
        (1, Position.Select(at => (Mutation)new Truncate(at))),
        (2, Gen.Select(Position, Gen.Int[0, 1000], Position, Gen.Int[1, 4096], (at, other, from, n) => (Mutation)new Splice(at, other, from, n))),
        (1, Gen.Select(Position, LogSize(12), LogSize(10), (at, n, times) => (Mutation)new DuplicateBlock(at, n, times))));

    private static readonly string[] JsonTokens =
    [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "-0", "1e400", "-1e-400", "\"\\ud800\"", "\"\\u0000\"", "\"\\\"",
        "\"ietf-mud:mud\"", "\"ietf-access-control-list:acls\"", "\"acl\"", "\"ace\"", "\"matches\"", "\"ipv4\"", "\"ipv6\"", "\"tcp\"", "\"udp\"",
        "\"destination-port\"", "\"source-port\"", "\"operator\"", "\"lower-port\"", "\"upper-port\"", "\"port\"", "\"ietf-acldns:dst-dnsname\"",
        "\"ietf-mud:mud\": {}", "\"mud-url\"", "\"cache-validity\"", "\"from-device-policy\"", "\"access-lists\"", "\"name\"", "\"type\"",
        "\"actions\"", "\"forwarding\"", "\"ietf-mud:direction-initiated\"", "\"eth\"", "\"ethertype\"", "\"protocol\"", "\"destination-ipv4-network\"",
        "\"0.0.0.0/0\"", "\"::/0\"", "\"999.1.1.1/33\"", "\"extensions\"", "\"mud-signature\"", "\"last-update\"", "\"2026-13-45T99:99:99Z\"",
    ];

    private static readonly string[] YamlTokens =
    [
        "{", "}", "[", "]", ": ", "- ", "? ", "&a ", "*a", "<<: *a\n", "!!binary ", "!!int ", "!!map ", "!<tag:x> ", "|\n", ">-\n", "---\n", "...\n",
        "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "#", "\t", "\r", "\uFEFF", "'", "\"", "\"\\u0000\"", "null", "~", "''", "\n  ", "\n    - ",
        "scenarios:", "steps:", "cleanup:", "timeout: ", "retries: ", "needs: ", "requirements: ", "parameters: ", "ixit: ", "continues: ",
        "kind: ", "capabilities: ", "drivers: ", "dut: ", "statement: ", "decisions: ", "documents: ", "path: ", "sha256: ", "verdict: ",
        "support: ", "schemaVersion: ", "${dut.model}", "${dut.", "${ixit.x}", "${", "wait: ", "serial.expect: ", "capture.start: ",
    ];

    private static readonly string[] Numbers =
    [
        "99999999999999999999s", "922337203685s", "922337203685477ms", "168h", "168.0001h", "10081m", "604801", "0.0000001ms", "0s", "-1s",
        "1e999999", "-1e-999999", "99999999999999999999", "2147483648", "-2147483649", "0x7FFFFFFFFFFFFFFF", ".inf", "-.inf", ".nan", "NaN",
        "1.7976931348623157e309", "00000000000000000000000001",
    ];

    private static Gen<string> HugeNumber { get; } = Gen.Frequency(
        (3, Gen.OneOf(Numbers.Select(Gen.Const).ToArray())),
        (1, Gen.Select(Gen.Int[20, 400], Gen.OneOf(Gen.Const(""), Gen.Const("ms"), Gen.Const("s"), Gen.Const("m"), Gen.Const("h")),
            (digits, unit) => new string('9', digits) + unit)));

    private static Gen<string> LongString { get; } = Gen.Select(LogSize(21), Gen.OneOf(Gen.Const("A"), Gen.Const("\\u0000"), Gen.Const("${dut.model}"), Gen.Const("é")),
        (n, unit) => '"' + (unit.Length == 1 ? new string(unit[0], n) : string.Concat(Enumerable.Repeat(unit, Math.Max(1, n / unit.Length)))) + '"');

    private static Gen<string> DeepNesting(Dialect dialect) => Gen.Select(LogSize(15), Gen.Bool, (depth, arrays) =>
        arrays
            ? new string('[', depth) + new string(']', depth)
            : new StringBuilder().Insert(0, dialect == Dialect.Json ? "{\"a\":" : "{a: ", depth).Append('1').Append('}', depth).ToString());

    /// <summary>A "billion laughs" chain in one flow value: level i holds <paramref name="fanout"/> aliases of level i−1.</summary>
    public static string AliasChain(int levels, int fanout)
    {
        var chain = new StringBuilder("[&l0 [").Append(string.Join(", ", Enumerable.Repeat("lol", fanout))).Append(']');
        for (var i = 1; i <= levels; i++)
            chain.Append($", &l{i} [").Append(string.Join(", ", Enumerable.Repeat($"*l{i - 1}", fanout))).Append(']');
        return chain.Append(']').ToString();
    }

    private static Gen<string> Values(Dialect dialect)
    {
        var values = Gen.Frequency(
            (3, DeepNesting(dialect)),
            (3, HugeNumber),
            (1, LongString),
            (3, Gen.OneOf((dialect == Dialect.Json ? JsonTokens : YamlTokens).Select(Gen.Const).ToArray())));
        return dialect == Dialect.Yaml
            ? Gen.Frequency((3, values), (2, Gen.Select(Gen.Int[1, 30], Gen.Int[2, 10], AliasChain)))
            : values;
    }

    private static Gen<Mutation> Text(Dialect dialect) => Gen.Frequency(
        (3, Gen.Select(Position, Gen.OneOf((dialect == Dialect.Json ? JsonTokens : YamlTokens).Select(Gen.Const).ToArray()), (at, t) => (Mutation)new InsertToken(at, t))),
        (3, Gen.Select(Position, Values(dialect), (at, v) => (Mutation)new ReplaceValue(at, v, dialect))));

    public static Gen<Mutation> For(Dialect dialect) =>
        dialect == Dialect.Binary ? Bytes : Gen.Frequency((1, Bytes), (1, Text(dialect)));
}
