namespace IoTopia.Certify.Harness.Declarations;

/// <summary>What a manufacturer declares for one requirement in its conformance statement.</summary>
public enum Support
{
    Supported,
    NotSupported,
    NotApplicable,
}
