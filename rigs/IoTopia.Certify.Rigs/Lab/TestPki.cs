namespace IoTopia.Certify.Rigs.Lab;

/// <summary>Placeholder type name for the lab's test PKI; its implementation lands with the lab services.</summary>
public sealed class TestPki;
