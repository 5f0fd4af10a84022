namespace IoTopia.Certify.Mud.Model;

/// <summary>One entry of RFC 9472's <c>sboms</c> list: the SBOM of one software version.</summary>
public sealed record SbomLocation(string VersionInfo, string? SbomUrl);
