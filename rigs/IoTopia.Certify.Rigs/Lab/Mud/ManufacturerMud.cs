namespace IoTopia.Certify.Rigs.Lab.Mud;

/// <summary>
/// The manufacturer's MUD publication for the DUT, as the rig has it: the MUD file, its detached CMS
/// signature (null when none was published) and the manufacturer's trust anchor the signature must chain
/// to (null when the rig gives none: a publication without a signature). The lab MUD server serves the first two at the URLs the file names; IOT-INT-03 verifies against the third.
/// </summary>
public sealed record ManufacturerMud
{
    /// <summary>Full path of the MUD file (JSON).</summary>
    public required string MudFile { get; init; }

    /// <summary>Full path of the detached signature (DER), or null: none published.</summary>
    public string? Signature { get; init; }

    /// <summary>Full path of the manufacturer's trust anchor (PEM, one or more certificates), or null: none given (a publication without a signature needs none).</summary>
    public string? TrustAnchor { get; init; }

    /// <summary>Where the files came from, for the report (e.g. "published by the reference device (publish-mud, personality compliant)").</summary>
    public required string Origin { get; init; }
}
