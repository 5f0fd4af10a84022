using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.Harness.Loading;

/// <summary>
/// Binds a step's YAML arguments to its typed argument class: kebab-case keys to properties,
/// with parameter substitution, and an error naming file, line, column and key for anything wrong.
/// </summary>
public sealed partial class ArgumentBinder(string file, IReadOnlyDictionary<string, string> parameters, Model.SourceLocation stepLocation,
    IReadOnlyList<string>? fileRoots = null)
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex PlainLabel();

    /// <param name="ignoredKeys">keys of the mapping that belong to the caller (a driver section's <c>kind:</c>), not to <paramref name="type"/></param>
    public object Bind(Type type, YamlNode? node, string path, IReadOnlySet<string>? ignoredKeys = null)
    {
        var target = Activator.CreateInstance(type)
                     ?? throw new InvalidOperationException($"cannot create {type.Name}");
        var properties = BindableProperties(type);
        switch (node)
        {
            case null:
            case YamlScalarNode { Value: null or "" } when !HasShortForm(properties):
                break;
            case YamlScalarNode scalar:
                var shortForm = properties.Values.FirstOrDefault(p => p.IsDefined(typeof(ShortFormAttribute)))
                                ?? throw Error(node, path, "expected arguments as a mapping (key: value)");
                shortForm.SetValue(target, Checked(shortForm, Convert(shortForm.PropertyType, scalar, $"{path}"), node, path));
                break;
            case YamlMappingNode mapping:
                var map = new YamlMap(file, mapping, path);
                foreach (var key in map.Keys.Where(k => ignoredKeys?.Contains(k) != true))
                {
                    if (!properties.TryGetValue(key, out var property))
                    {
                        var known = string.Join(", ", properties.Keys.Order());
                        throw new InputException(map.LocationOf(key), $"{path}.{key}: unknown argument; known: {(known.Length == 0 ? "none" : known)}");
                    }
                    var value = map.Get(key)!;
                    property.SetValue(target, Checked(property, Convert(property.PropertyType, value, $"{path}.{key}"), value, $"{path}.{key}"));
                }
                break;
            default:
                throw Error(node, path, "expected arguments as a mapping (key: value)");
        }
        var given = node is YamlMappingNode m2
            ? m2.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "").ToHashSet()
            : node is YamlScalarNode { Value.Length: > 0 } ? properties.Where(p => p.Value.IsDefined(typeof(ShortFormAttribute))).Select(p => p.Key).ToHashSet()
            : [];
        foreach (var (key, property) in properties)
        {
            if (property.IsDefined(typeof(RequiredMemberAttribute)) && !given.Contains(key))
                throw Error(node, path, $"missing required argument '{key}'");
        }
        if (target is IValidatableArguments validatable)
        {
            var problems = validatable.Validate().ToList();
            if (problems.Count > 0)
                throw Error(node, path, string.Join("; ", problems));
        }
        return target;
    }

    /// <summary>Applies the path and label rules of <see cref="Steps.SuiteFileAttribute"/> and <see cref="Steps.EvidenceLabelAttribute"/>.</summary>
    private object? Checked(PropertyInfo property, object? value, YamlNode node, string path)
    {
        if (value is not string text)
            return value;
        if (property.IsDefined(typeof(Steps.EvidenceLabelAttribute)) && !PlainLabel().IsMatch(text))
            throw Error(node, path, $"'{text}' names evidence: 1–64 letters, digits, '.', '-' or '_', starting with a letter or digit, no path");
        if (!property.IsDefined(typeof(Steps.SuiteFileAttribute)))
            return value;
        if (text.Contains('\0'))
            throw Error(node, path, "a file name cannot hold a NUL character");
        var suiteFolder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var full = Path.GetFullPath(text, suiteFolder);
        var target = LinkTarget(full);
        string[] roots = [suiteFolder, .. (fileRoots ?? []).Select(Path.GetFullPath)];
        if (!roots.Any(r => Inside(full, r)) || (target is not null && !roots.Any(r => Inside(target, r))))
            throw Error(node, path, $"'{text}' is outside the suite's folder{(fileRoots is { Count: > 0 } ? " and the rig's folder" : "")}: " +
                                    "a suite may only name files beside it (" + string.Join(", ", roots) + ")");
        return full;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool Inside(string path, string root) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    public static IReadOnlyDictionary<string, PropertyInfo> BindableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
            .ToDictionary(p => KebabCase(p.Name), StringComparer.Ordinal);

    public static string KebabCase(string name)
    {
        var chars = new List<char>(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
                chars.Add('-');
            chars.Add(char.ToLowerInvariant(name[i]));
        }
        return new string(chars.ToArray());
    }

    private static bool HasShortForm(IReadOnlyDictionary<string, PropertyInfo> properties) =>
        properties.Values.Any(p => p.IsDefined(typeof(ShortFormAttribute)));

    private object? Convert(Type type, YamlNode node, string path)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
            return node is YamlScalarNode { Value: null or "" or "~" or "null" } ? null : Convert(underlying, node, path);

        if (type == typeof(string))
            return Scalar(node, path);
        if (type == typeof(int))
            return Parse(node, path, "a whole number", s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);
        if (type == typeof(long))
            return Parse(node, path, "a whole number", s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);
        if (type == typeof(double))
            return Parse(node, path, "a number", s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null);
        if (type == typeof(bool))
            return Parse(node, path, "true or false", s => s switch { "true" or "yes" or "on" => true, "false" or "no" or "off" => false, _ => null });
        if (type == typeof(TimeSpan))
            return Parse(node, path, Duration.Expected, s => Duration.TryParse(s, out var t) ? t : null);
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).ToDictionary(KebabCase, n => n);
            return Parse(node, path, $"one of {string.Join(", ", names.Keys)}", s => names.TryGetValue(s, out var n) ? Enum.Parse(type, n) : null);
        }
        if (IsStringDictionary(type))
        {
            if (node is not YamlMappingNode mapping)
                throw Error(node, path, "expected a mapping (key: value)");
            var map = new YamlMap(file, mapping, path);
            return map.Keys.ToDictionary(k => k, k => Scalar(map.Get(k)!, $"{path}.{k}"));
        }
        if (ListElementType(type) is { } element)
        {
            if (node is not YamlSequenceNode seq)
                throw Error(node, path, "expected a list");
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            for (var i = 0; i < seq.Children.Count; i++)
                list.Add(Convert(element, seq.Children[i], $"{path}[{i}]"));
            if (type.IsArray)
            {
                var array = Array.CreateInstance(element, list.Count);
                list.CopyTo(array, 0);
                return array;
            }
            return list;
        }
        if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null)
            return Bind(type, node, path);
        throw new InvalidOperationException($"argument type {type.Name} of {path} is not supported by the binder");
    }

    private object Parse(YamlNode node, string path, string expected, Func<string, object?> parse)
    {
        var text = Scalar(node, path);
        return parse(text.Trim()) ?? throw Error(node, path, $"expected {expected}, got '{text}'");
    }

    private string Scalar(YamlNode node, string path)
    {
        if (node is not YamlScalarNode scalar)
            throw Error(node, path, "expected a single value");
        return ParameterValues.Substitute(scalar.Value ?? "", parameters,
            name => throw Error(node, path, name.StartsWith("ixit.", StringComparison.Ordinal)
                ? $"'${{{name}}}' is an IXIT fact; list '{name[5..]}' under the scenario's ixit:"
                : $"unknown parameter '${{{name}}}'; declare it under parameters:"));
    }

    private static bool IsStringDictionary(Type type) =>
        type.IsGenericType
        && (type.GetGenericTypeDefinition() == typeof(Dictionary<,>) || type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        && type.GetGenericArguments()[0] == typeof(string) && type.GetGenericArguments()[1] == typeof(string);

    private static Type? ListElementType(Type type)
    {
        if (type.IsArray)
            return type.GetElementType();
        if (!type.IsGenericType)
            return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private InputException Error(YamlNode? node, string path, string message) =>
        new(node is null ? stepLocation : YamlFile.At(file, node), $"{path}: {message}");
}
