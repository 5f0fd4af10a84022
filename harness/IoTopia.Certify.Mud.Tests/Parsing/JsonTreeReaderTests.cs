using System.Text;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Parsing;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Mud.Tests.Parsing;

/// <summary>The positioned JSON reader: lines, columns and paths, duplicate keys, limits, and hostile bytes.</summary>
public class JsonTreeReaderTests
{
    [Test]
    public void ValuesKeepLineColumnAndPath()
    {
        var root = Read("{\n  \"a\": [1,\n   {\"b c\": \"é\", \"d\": true}]\n}");
        var d = ((JObject)((JArray)((JObject)root!).Get("a")!).Items[1]).Get("d")!;
        var bc = ((JObject)((JArray)((JObject)root).Get("a")!).Items[1]).Get("b c")!;
        Assert.Multiple(() =>
        {
            Assert.That((d.Line, d.Column), Is.EqualTo((3, 22)));
            Assert.That(d.Path, Is.EqualTo("$.a[1].d"));
            Assert.That(bc.Path, Is.EqualTo("$.a[1]['b c']"));
            Assert.That(((JValue)bc).Text, Is.EqualTo("é"));
        });
    }

    [Test]
    public void ColumnsCountCharactersNotBytes()
    {
        var root = (JObject)Read("{\"x\": \"ééé\", \"y\": 1}")!;
        Assert.That(root.Get("y")!.Column, Is.EqualTo(19));
    }

    [Test]
    public void DuplicateKeysAreReportedAndTheFirstIsKept()
    {
        var sink = Sink();
        var root = (JObject)JsonTreeReader.Read(Encoding.UTF8.GetBytes("{\"a\": 1,\n \"a\": 2}"), sink, MudLimits.Default)!;
        var problem = sink.Problems().Single();
        Assert.Multiple(() =>
        {
            Assert.That(problem.Rule, Is.EqualTo("duplicate-key"));
            Assert.That(problem.Line, Is.EqualTo(2));
            Assert.That(((JValue)root.Get("a")!).Text, Is.EqualTo("1"));
        });
    }

    [Test]
    public void SyntaxErrorsNameTheLine()
    {
        var sink = Sink();
        Assert.That(JsonTreeReader.Read(Encoding.UTF8.GetBytes("{\n\"a\": 1,\n\"b\" 2\n}"), sink, MudLimits.Default), Is.Null);
        var problem = sink.Problems().Single();
        Assert.Multiple(() =>
        {
            Assert.That(problem.Rule, Is.EqualTo("json-syntax"));
            Assert.That(problem.Line, Is.EqualTo(3));
            Assert.That(problem.Message, Does.Not.Contain("LineNumber"));
        });
    }

    [Test]
    public void ByteOrderMarkIsSkipped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"a\": 1}")).ToArray();
        var sink = Sink();
        Assert.Multiple(() =>
        {
            Assert.That(JsonTreeReader.Read(bytes, sink, MudLimits.Default), Is.InstanceOf<JObject>());
            Assert.That(sink.Problems(), Is.Empty);
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("{} {}")]
    [TestCase("{\"a\": 'x'}")]
    [TestCase("// comment\n{}")]
    public void NotOneJsonValueIsASyntaxError(string text)
    {
        var result = MudValidator.Validate("f.json", Encoding.UTF8.GetBytes(text));
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Mud, Is.Null);
            Assert.That(result.Problems.Single().Rule, Is.EqualTo("json-syntax"));
        });
    }

    [Test]
    public void InvalidUtf8IsASyntaxErrorNotACrash()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"mud\": \"ab\"}");
        bytes[9] = 0xC3;
        var result = MudValidator.Validate("f.json", bytes);
        Assert.That(result.Problems.Single().Rule, Is.EqualTo("json-syntax"));
    }

    [Test]
    public void DeepNestingIsRefusedAtTheLimit()
    {
        var text = new string('[', 100_000) + new string(']', 100_000);
        var result = MudValidator.Validate("deep.json", Encoding.UTF8.GetBytes(text));
        Assert.Multiple(() =>
        {
            Assert.That(result.Problems.Single().Rule, Is.EqualTo("json-limits"));
            Assert.That(result.Problems.Single().Message, Does.Contain("32 levels"));
        });
    }

    [Test]
    public void OversizedFileIsRefusedWithoutParsing()
    {
        var limits = new MudLimits { MaxBytes = 1000 };
        var result = MudValidator.Validate("big.json", new byte[1001], limits);
        Assert.That(result.Problems.Single().Rule, Is.EqualTo("json-limits"));
    }

    [Test]
    public void TooManyValuesAreRefused()
    {
        var text = "[" + string.Join(",", Enumerable.Repeat("0", 1000)) + "]";
        var result = MudValidator.Validate("wide.json", Encoding.UTF8.GetBytes(text), new MudLimits { MaxNodes = 100 });
        Assert.That(result.Problems.Single().Rule, Is.EqualTo("json-limits"));
    }

    [Test]
    public void ProblemsBeyondTheLimitAreCounted()
    {
        var members = string.Join(",", Enumerable.Range(0, 50).Select(i => $"\"x{i}\": 1"));
        var text = $"{{\"ietf-mud:mud\": {{\"mud-version\": 1, \"mud-url\": \"https://a.example/m\", \"last-update\": \"2026-01-01T00:00:00Z\", \"is-supported\": true, {members}}}}}";
        var result = MudValidator.Validate("many.json", Encoding.UTF8.GetBytes(text), new MudLimits { MaxProblems = 10 });
        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Has.Count.EqualTo(11));
            Assert.That(result.Problems[^1].Rule, Is.EqualTo("too-many-problems"));
            Assert.That(result.Problems[^1].Message, Does.StartWith("40 more problems"));
            Assert.That(result.IsValid, Is.True, "only warnings were dropped");
        });
    }

    private static ProblemSink Sink() => new("t.json", 100);

    private static JNode? Read(string text) => JsonTreeReader.Read(Encoding.UTF8.GetBytes(text), Sink(), MudLimits.Default);
}
