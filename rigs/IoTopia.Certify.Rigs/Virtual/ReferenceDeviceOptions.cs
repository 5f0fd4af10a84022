using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Rigs.Virtual;

/// <summary>
/// The rig options of the kinds that run the reference device (<c>--personality</c> on the command line), and
/// the ones they record when they start: results.json <c>run.rig.options{personality, slot}</c>.
/// </summary>
public static class ReferenceDeviceOptions
{
    public const string Personality = "personality";
    public const string Slot = "slot";
    public const string DefaultPersonality = "compliant";

    public static IReadOnlyDictionary<string, string> Accepted { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Personality] = "the reference device's fault personality (fixtures/personalities.yaml; default compliant)",
    };

    public static string PersonalityOf(RigDescription rig) => rig.Options.GetValueOrDefault(Personality) ?? DefaultPersonality;
}
