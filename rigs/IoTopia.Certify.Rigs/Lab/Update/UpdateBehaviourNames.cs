using IoTopia.Certify.Harness.Loading;

namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>The kebab-case names of behaviours and endings, as steps take them and the evidence writes them.</summary>
public static class UpdateBehaviourNames
{
    public static string Of(UpdateBehaviourKind kind) => ArgumentBinder.KebabCase(kind.ToString());

    public static string Of(UpdateEnding ending) => ArgumentBinder.KebabCase(ending.ToString());
}
