namespace IoTopia.Certify.Fuzz.Mutation;

/// <summary>What a target's input is, for mutations that know its structure.</summary>
public enum Dialect
{
    Binary,
    Json,
    Yaml,
}
