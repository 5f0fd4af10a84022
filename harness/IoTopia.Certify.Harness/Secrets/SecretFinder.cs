using IoTopia.Certify.Harness.Loading;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.Harness.Secrets;

/// <summary>Finds the secret values of a rig file or conformance statement by <see cref="SecretRule"/>, and the misuses of its tags.</summary>
public static class SecretFinder
{
    private const string StandardTags = "tag:yaml.org,2002:";

    public static IReadOnlyList<SecretValue> Find(string file, YamlNode root, InputErrors errors)
    {
        var found = new Dictionary<YamlScalarNode, SecretValue>(ReferenceEqualityComparer.Instance);
        var walked = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(YamlNode Node, string Key, string? Word)>();
        stack.Push((root, "", null));
        while (stack.Count > 0)
        {
            var (node, key, word) = stack.Pop();
            var tag = TagOf(node);
            if (tag is not (null or SecretRule.SecretTag or SecretRule.PublicTag))
            {
                errors.Add(new InputException(YamlFile.At(file, node), $"{Name(key)}: unknown tag '{tag}'; the tags a rig file or statement takes are {SecretRule.SecretTag} and {SecretRule.PublicTag}"));
                continue;
            }
            if (node is YamlScalarNode scalar)
            {
                var because = tag == SecretRule.SecretTag ? SecretRule.SecretTag : tag == SecretRule.PublicTag ? null : word;
                if (because is null || string.IsNullOrEmpty(scalar.Value) || found.ContainsKey(scalar))
                    continue;
                if (scalar.Value.Length < SecretRule.MinLength)
                {
                    errors.Add(new InputException(YamlFile.At(file, scalar),
                        $"{Name(key)}: a secret must be at least {SecretRule.MinLength} characters (it is masked wherever it occurs in the run's record); " +
                        (tag == SecretRule.SecretTag ? "leave out !secret if it is not secret" : $"tag it {SecretRule.PublicTag} if it is not secret")));
                    continue;
                }
                found[scalar] = new SecretValue(key, scalar.Value, YamlFile.At(file, scalar), scalar.Start.Index, scalar.End.Index, because, tag == SecretRule.SecretTag,
                    scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value);
                continue;
            }
            var secretCollection = tag == SecretRule.SecretTag ? SecretRule.SecretTag : tag == SecretRule.PublicTag ? null : word;
            if (secretCollection is not null)
            {
                errors.Add(new InputException(YamlFile.At(file, node),
                    $"{Name(key)}: {(tag == SecretRule.SecretTag ? "!secret" : $"a key naming a {word}")} needs a single value, not a {(node is YamlMappingNode ? "mapping" : "list")}; " +
                    $"tag each value inside it {SecretRule.SecretTag}{(tag == SecretRule.SecretTag ? "" : $", or tag it {SecretRule.PublicTag}")}"));
                continue;
            }
            if (!walked.Add(node))
                continue; // an alias of a collection already walked
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (k, v) in map.Children.Reverse())
                    {
                        var name = k is YamlScalarNode { Value: { } s } ? s : "?";
                        stack.Push((v, key.Length == 0 ? name : $"{key}.{name}", SecretRule.SecretWord(name)));
                    }
                    break;
                case YamlSequenceNode list:
                    for (var i = list.Children.Count - 1; i >= 0; i--)
                        stack.Push((list.Children[i], $"{key}[{i}]", null));
                    break;
            }
        }
        return [.. found.Values.OrderBy(s => s.Start)];
    }

    /// <summary>A node's own tag, or null for none and for YAML's standard ones (<c>!!str</c>).</summary>
    private static string? TagOf(YamlNode node)
    {
        if (node.Tag.IsEmpty || node.Tag.IsNonSpecific)
            return null;
        var tag = node.Tag.Value;
        return tag.StartsWith(StandardTags, StringComparison.Ordinal) ? null : tag;
    }

    private static string Name(string key) => key.Length == 0 ? "(top)" : key;
}
