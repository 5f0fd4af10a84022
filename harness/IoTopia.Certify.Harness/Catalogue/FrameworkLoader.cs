using IoTopia.Certify.Harness.Loading;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.Harness.Catalogue;

/// <summary>Loads every <c>suites/frameworks/*.yaml</c>; the file name is the framework's ID.</summary>
public static class FrameworkLoader
{
    public static IReadOnlyDictionary<string, Framework> LoadAll(string folder)
    {
        var errors = new InputErrors();
        var frameworks = new Dictionary<string, Framework>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
            return frameworks;
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            try
            {
                var framework = Load(file, errors);
                frameworks[framework.Id] = framework;
            }
            catch (InputException e)
            {
                errors.Add(e);
            }
        }
        errors.ThrowIfAny();
        return frameworks;
    }

    private static Framework Load(string file, InputErrors errors)
    {
        var map = new YamlMap(file, YamlFile.LoadMapping(file));
        var id = map.RequiredString("framework");
        if (id != Path.GetFileNameWithoutExtension(file))
            errors.Add(new InputException(map.LocationOf("framework"), $"framework: '{id}' must match the file name"));
        var title = map.RequiredString("title");
        map.Get("statusLegend");
        map.Get("conditions");
        map.Get("companionLabels"); // kept for readers; not identifiers of this framework
        var items = new List<FrameworkItem>();
        var firstAt = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var node in map.Sequence("identifiers")?.Children ?? [])
        {
            if (node is not YamlMappingNode m)
            {
                errors.Add(new InputException(YamlFile.At(file, node), "identifiers[]: expected a mapping"));
                continue;
            }
            var item = new YamlMap(file, m, "identifier");
            var itemId = item.RequiredString("id");
            if (!firstAt.TryAdd(itemId, item.LocationOf("id").Line))
                errors.Add(new InputException(item.LocationOf("id"), $"identifier.id: '{itemId}' is listed again (first on line {firstAt[itemId]})"));
            items.Add(new FrameworkItem(itemId, item.RequiredString("title"), item.String("status")));
            item.String("kind");
            item.String("note");
            item.RejectUnknownKeys(errors);
        }
        map.RejectUnknownKeys(errors);
        return new Framework(id, title, items, file);
    }
}
