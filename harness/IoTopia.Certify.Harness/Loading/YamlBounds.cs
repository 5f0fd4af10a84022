namespace IoTopia.Certify.Harness.Loading;

/// <summary>
/// What one YAML input file (suite, rig, statement, decisions, catalogue) may cost. Real files nest
/// about ten levels and hold a few thousand nodes; the bounds stop a hostile file before the node tree
/// is built (its builder recurses: 40,000 levels overflow the stack) and before anything walks aliases
/// (an alias chain of k levels stands for 2^k nodes).
/// </summary>
public static class YamlBounds
{
    /// <summary>Most nested mappings and sequences in one file.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes in one file, every alias counted as the nodes it stands for.</summary>
    public const int MaxNodes = 100_000;
}
