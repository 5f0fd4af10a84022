using System.Globalization;
using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Loading;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.Harness.Declarations;

/// <summary>Loads and checks a conformance statement against the catalogue and the known IXIT facts.</summary>
public static class StatementLoader
{
    public static ConformanceStatement Load(string file, RequirementCatalogue catalogue)
    {
        var errors = new InputErrors();
        var map = new YamlMap(file, YamlFile.LoadMapping(file));
        var secrets = Secrets.SecretFinder.Find(file, map.Node, errors);
        if (map.Int("schemaVersion") is not 1)
            errors.Add(new InputException(map.LocationOf("schemaVersion"), "schemaVersion: must be 1"));
        var manufacturer = map.RequiredString("manufacturer");
        var product = map.RequiredString("product");
        var declarations = new Dictionary<string, Declaration>(StringComparer.Ordinal);
        if (map.Map("requirements") is { } requirements)
        {
            foreach (var id in requirements.Keys)
            {
                try
                {
                    if (!catalogue.ById.ContainsKey(id))
                        throw new InputException(requirements.LocationOf(id), $"requirements.{id}: not a requirement of the catalogue");
                    var entry = requirements.Map(id) ?? throw new InputException(requirements.LocationOf(id), $"requirements.{id}: expected support: and justification:");
                    var support = entry.RequiredString("support") switch
                    {
                        "supported" => Support.Supported,
                        "not-supported" => Support.NotSupported,
                        "not-applicable" => Support.NotApplicable,
                        var other => throw new InputException(entry.LocationOf("support"), $"requirements.{id}.support: '{other}' is not supported, not-supported or not-applicable"),
                    };
                    var justification = entry.String("justification")?.Trim() ?? "";
                    if (support != Support.Supported && justification.Length == 0)
                        errors.Add(new InputException(entry.Location, $"requirements.{id}.justification: required when support is not 'supported'"));
                    entry.RejectUnknownKeys(errors);
                    declarations[id] = new Declaration(id, support, justification);
                }
                catch (InputException e)
                {
                    errors.Add(e);
                }
            }
        }
        var ixit = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.Map("ixit") is { } facts)
        {
            foreach (var name in facts.Keys)
            {
                try
                {
                    ixit[name] = Fact(facts, name);
                }
                catch (InputException e)
                {
                    errors.Add(e);
                }
            }
        }
        map.RejectUnknownKeys(errors);
        errors.ThrowIfAny();
        return new ConformanceStatement(file, manufacturer, product, declarations, ixit) { Secrets = secrets };
    }

    private static string Fact(YamlMap facts, string name)
    {
        if (!IxitFacts.Known.TryGetValue(name, out var known))
            throw new InputException(facts.LocationOf(name), $"ixit.{name}: not a known IXIT fact; known: {string.Join(", ", IxitFacts.Known.Keys)}");
        if (known.Kind == IxitFacts.Kind.List)
            return string.Join(",", facts.StringList(name));
        var text = facts.String(name) ?? "";
        var ok = known.Kind switch
        {
            IxitFacts.Kind.WholeNumber => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            IxitFacts.Kind.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            IxitFacts.Kind.Duration => Duration.TryParse(text, out _),
            _ => true,
        };
        return ok ? text : throw new InputException(facts.LocationOf(name), $"ixit.{name}: '{text}' is not a {known.Kind} ({known.Meaning})");
    }
}
