using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Secrets;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.Harness.Answers;

/// <summary>
/// Reads an answers file — untrusted input like a suite: every problem is named at file:line, and nothing in it
/// is taken for anything but a text answer.
/// <code>
/// answers:
///   &lt;scenario-id&gt;:
///     &lt;key&gt;: &lt;answer&gt;          # a key whose last word is password, token, key … or a !secret value is secret
/// </code>
/// </summary>
public static partial class AnswersLoader
{
    /// <summary>Longest answer taken: an answer is what a person types at the bench.</summary>
    public const int MaxAnswerLength = 4096;

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.NonBacktracking)]
    public static partial Regex KeyName();

    /// <exception cref="InputException">the file cannot be read, or any problem in it, each at file:line</exception>
    public static AnswersFile Load(string path)
    {
        var errors = new InputErrors();
        var root = new YamlMap(path, YamlFile.LoadMapping(path));
        var secrets = SecretFinder.Find(path, root.Node, errors);
        var secretAt = secrets.Select(s => (s.Location.Line, s.Location.Column)).ToHashSet();
        var byScenario = new Dictionary<string, IReadOnlyDictionary<string, FileAnswer>>(StringComparer.Ordinal);
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var answers = root.Get("answers");
        root.RejectUnknownKeys(errors);
        if (answers is null)
            errors.Add(new InputException(root.Location, "answers: required (a mapping: scenario id → key → answer)"));
        else if (answers is not YamlMappingNode scenarios)
        {
            if (answers is not YamlScalarNode { Value: null or "" or "~" or "null" })
                errors.Add(new InputException(YamlFile.At(path, answers), "answers: expected a mapping: scenario id → key → answer"));
        }
        else
        {
            foreach (var (idNode, keysNode) in scenarios.Children)
            {
                var id = (idNode as YamlScalarNode)?.Value ?? "";
                var at = YamlFile.At(path, idNode);
                if (keysNode is not YamlMappingNode keys)
                {
                    errors.Add(new InputException(at, $"answers.{id}: expected a mapping of question keys to answers"));
                    continue;
                }
                locations[id] = at;
                var found = new Dictionary<string, FileAnswer>(StringComparer.Ordinal);
                foreach (var (keyNode, valueNode) in keys.Children)
                {
                    var key = (keyNode as YamlScalarNode)?.Value ?? "";
                    var name = $"answers.{id}.{key}";
                    if (!KeyName().IsMatch(key))
                        errors.Add(new InputException(YamlFile.At(path, keyNode), $"{name}: a question key is 1–64 lower-case letters, digits, '.', '-' or '_'"));
                    else if (valueNode is not YamlScalarNode { Value: { } value })
                        errors.Add(new InputException(YamlFile.At(path, valueNode), $"{name}: expected a single answer, not a {(valueNode is YamlMappingNode ? "mapping" : "list")}"));
                    else if (value.Trim().Length == 0 || value is "~" or "null" && ((YamlScalarNode)valueNode).Style == YamlDotNet.Core.ScalarStyle.Plain)
                        errors.Add(new InputException(YamlFile.At(path, valueNode), $"{name}: the answer is empty"));
                    else if (value.Length > MaxAnswerLength)
                        errors.Add(new InputException(YamlFile.At(path, valueNode), $"{name}: the answer is {value.Length} characters long; at most {MaxAnswerLength}"));
                    else
                        found[key] = new FileAnswer(value.Trim(), YamlFile.At(path, valueNode), secretAt.Contains((valueNode.Start.Line, valueNode.Start.Column)));
                }
                byScenario[id] = found;
            }
        }
        errors.ThrowIfAny();
        return new AnswersFile(path, byScenario, locations, secrets);
    }
}
