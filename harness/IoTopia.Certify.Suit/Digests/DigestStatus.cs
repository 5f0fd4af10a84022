namespace IoTopia.Certify.Suit.Digests;

public enum DigestStatus
{
    Match,
    Mismatch,
    /// <summary>A severed element the envelope does not carry: reported, not an error.</summary>
    Absent,
    UnsupportedAlgorithm,
}
