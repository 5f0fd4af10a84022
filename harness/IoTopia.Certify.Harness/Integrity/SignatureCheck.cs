namespace IoTopia.Certify.Harness.Integrity;

/// <summary>What <c>verify</c> found of a run's signature.</summary>
/// <param name="Signer">the signer's subject, when a signature was there and its value holds</param>
/// <param name="Anchor">the trust anchor the signer chains to, when anchors were given and it does</param>
public sealed record SignatureCheck(string? Signer, string? CertificateSha256, string? Anchor)
{
    public static SignatureCheck None { get; } = new(null, null, null);

    public string Describe() => Signer is null
        ? "signature: none"
        : Anchor is null
            ? $"signature: valid, signed by {Signer} (signer not chained to a trust anchor: give --trust-anchor to check who signed)"
            : $"signature: valid, signed by {Signer}, chained to trust anchor {Anchor}";
}
