using IoTopia.Certify.Harness.Model;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.Harness.Loading;

/// <summary>
/// Loads a rig file: name, kind, DUT identity, drivers (read by the rig kind). The capabilities are those of
/// the drivers the kind builds from the file; <c>capabilities:</c>, when given, must name only those.
/// </summary>
public static class RigLoader
{
    public static RigDescription Load(string path, Engine.RigKinds kinds)
    {
        var errors = new InputErrors();
        var map = new YamlMap(path, YamlFile.LoadMapping(path));
        var secrets = Secrets.SecretFinder.Find(path, map.Node, errors);
        var name = map.RequiredString("name");
        var kind = map.RequiredString("kind");
        var rigKind = kinds.Find(kind);
        if (rigKind is null)
            errors.Add(new InputException(map.LocationOf("kind"), $"kind: '{kind}' is not a rig kind this harness knows ({string.Join(", ", kinds.Names)})"));
        var description = map.String("description") ?? "";
        var capabilities = map.StringList("capabilities");
        var capabilitiesLine = map.LocationOf("capabilities");
        foreach (var c in capabilities.Where(c => !Capabilities.Known.Contains(c)))
            errors.Add(new InputException(capabilitiesLine, $"capabilities: '{c}' is not a rig capability; known: {string.Join(", ", Capabilities.Known.Order())}"));
        var dut = new DutDescription();
        if (map.Map("dut") is { } d)
        {
            var facts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in d.Keys.Where(DutDescription.KnownFacts.ContainsKey))
            {
                facts[key] = d.String(key) ?? "";
                if (DutDescription.Problem(key, facts[key]) is { } problem)
                    errors.Add(new InputException(d.LocationOf(key), problem));
            }
            dut = new DutDescription
            {
                Model = d.String("model") ?? dut.Model,
                Serial = d.String("serial") ?? dut.Serial,
                Firmware = d.String("firmware") ?? dut.Firmware,
                Facts = facts,
            };
            d.RejectUnknownKeys(errors);
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? Relative(string key)
        {
            if (map.IsNull(key))
            {
                errors.Add(new InputException(map.LocationOf(key), $"{key}: null is not a file; give a path relative to the rig file, or leave the key out"));
                return null;
            }
            try
            {
                var file = map.FilePath(key, folder);
                if (file is not null && !File.Exists(file))
                    errors.Add(new InputException(map.LocationOf(key), $"{key}: no such file {file} (a path relative to the rig file's folder)"));
                return file;
            }
            catch (InputException e)
            {
                errors.Add(e);
                return null;
            }
        }
        var statement = Relative("statement");
        var decisions = Relative("decisions");
        object? drivers = null;
        try
        {
            drivers = rigKind?.ReadDrivers(map.Map("drivers"), path, errors);
        }
        catch (ArgumentException e)
        {
            // A driver option the path functions refuse (a NUL character in a file name).
            errors.Add(new InputException(map.LocationOf("drivers"), $"drivers: {e.Message}"));
        }
        if (rigKind is null)
            map.Get("drivers");
        map.RejectUnknownKeys(errors);
        if (rigKind is not null && !errors.Any)
            (dut, secrets) = WithResolvedFacts(dut, secrets, rigKind.ResolvedFacts(drivers), map.LocationOf("drivers"), errors);
        var bindings = rigKind is null || errors.Any ? [] : rigKind.Bindings(drivers);
        var given = Capabilities.InOrder.Where(c => bindings.Any(b => b.Capabilities.Contains(c))).ToList();
        foreach (var c in capabilities.Where(c => Capabilities.Known.Contains(c) && !given.Contains(c)))
            errors.Add(new InputException(ItemLocation(map, "capabilities", c) ?? capabilitiesLine, $"capabilities: '{c}': no driver of this {kind} rig gives it (its drivers give {(given.Count == 0 ? "nothing" : string.Join(", ", given))}); configure one under drivers: or leave it out"));
        errors.ThrowIfAny();
        var rig = new RigDescription
        {
            Name = name,
            File = path,
            Kind = kind,
            Description = description,
            Capabilities = rigKind?.Available(given) ?? given,
            Bindings = bindings,
            Dut = dut,
            Drivers = drivers,
            Statement = statement,
            Decisions = decisions,
            Secrets = secrets,
        };
        foreach (var problem in rigKind?.Problems(rig) ?? [])
            errors.Add(new InputException(map.LocationOf(map.Map("dut") is null ? "kind" : "dut"), problem));
        errors.ThrowIfAny();
        return rig;
    }

    /// <summary>The kind's resolved facts under the file's (the file's own value wins); secret ones join the secrets, located at <c>drivers:</c>.</summary>
    private static (DutDescription, IReadOnlyList<Secrets.SecretValue>) WithResolvedFacts(DutDescription dut, IReadOnlyList<Secrets.SecretValue> secrets,
        IReadOnlyDictionary<string, string> resolved, SourceLocation at, InputErrors errors)
    {
        if (resolved.Count == 0)
            return (dut, secrets);
        var facts = new Dictionary<string, string>(dut.Facts, StringComparer.Ordinal);
        var all = secrets.ToList();
        foreach (var (key, value) in resolved.Where(kv => !facts.ContainsKey(kv.Key)))
        {
            if (Secrets.SecretRule.SecretWord(key) is { } word && value.Length > 0)
            {
                if (value.Length < Secrets.SecretRule.MinLength)
                {
                    errors.Add(new InputException(at, $"dut.{key} (taken from the rig's drivers): a secret must be at least {Secrets.SecretRule.MinLength} characters (it is masked wherever it occurs in the run's record)"));
                    continue;
                }
                all.Add(new Secrets.SecretValue($"dut.{key}", value, at, 0, 0, word, Tagged: false, Anchor: null));
            }
            facts[key] = value;
        }
        return (dut with { Facts = facts }, all);
    }

    /// <summary>Where <paramref name="item"/> is written in the list under <paramref name="key"/>.</summary>
    private static SourceLocation? ItemLocation(YamlMap map, string key, string item) =>
        map.Node.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: var k } && k == key).Value is YamlSequenceNode list
        && list.Children.OfType<YamlScalarNode>().FirstOrDefault(n => n.Value == item) is { } node
            ? YamlFile.At(map.File, node)
            : null;
}
