namespace IoTopia.Certify.Wire.Dns;

/// <summary>A name that leads to an address, and the chain from it to the address record (e.g. a → CNAME b → A 1.2.3.4 gives [a, b]).</summary>
public sealed record NameChain(string Name, IReadOnlyList<string> Chain)
{
    public override string ToString() => string.Join(" → ", Chain);
}
