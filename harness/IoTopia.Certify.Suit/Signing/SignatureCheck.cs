namespace IoTopia.Certify.Suit.Signing;

/// <summary>One authentication block checked against the key: <see cref="Reason"/> says why it did not verify.</summary>
public sealed record SignatureCheck(int Block, string Kind, int? Algorithm, bool Verified, string Reason)
{
    public string AlgorithmName => Algorithm switch
    {
        -7 => "ES256",
        -9 => "ESP256",
        -35 => "ES384",
        -36 => "ES512",
        null => "none",
        var a => $"algorithm {a}",
    };
}
