namespace IoTopia.Certify.Mud.Signature;

public enum TimeCheckKind
{
    /// <summary>Certificates must be valid now.</summary>
    Now,

    /// <summary>Certificates must be valid at a given time (<c>--at</c>).</summary>
    At,

    /// <summary>Validity periods are not checked (<c>--ignore-time</c>); the report says so.</summary>
    Waived,
}
