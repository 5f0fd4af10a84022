namespace IoTopia.Certify.Fuzz.Targets;

/// <summary>Which loader reads a YAML input: the one that reads its seed in the repository.</summary>
public enum YamlRole
{
    Suite,
    Rig,
    Statement,
    Decisions,
    Catalogue,
    Framework,
}
