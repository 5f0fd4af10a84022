using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Mud.Signature;

/// <summary>What a MUD signature is verified against.</summary>
public sealed record MudSignatureOptions
{
    /// <summary>The manufacturer's trust anchors: the chain must end in one of them, and only them.</summary>
    public required X509Certificate2Collection TrustAnchors { get; init; }

    /// <summary>The device's certificate (IDevID); when it carries id-pe-mudsigner, the signer's subject must equal it.</summary>
    public X509Certificate2? DeviceCertificate { get; init; }

    public TimeCheck Time { get; init; } = TimeCheck.Now();
}
