namespace IoTopia.Certify.Wire.Lldp;

/// <summary>
/// Walks the TLVs of an LLDPDU (IEEE 802.1AB): 7-bit type, 9-bit length, value; the End TLV (type 0)
/// or a TLV running past the frame ends the walk. Values are slices of the frame (no allocation). Never throws.
/// </summary>
public ref struct LldpTlvReader(ReadOnlySpan<byte> lldpdu)
{
    public const int TypeOrganizationSpecific = 127;

    private readonly ReadOnlySpan<byte> _lldpdu = lldpdu;
    private int _position;

    public int Type { get; private set; }

    public ReadOnlySpan<byte> Value { get; private set; }

    /// <summary>A TLV ran past the frame, or null.</summary>
    public string? Problem { get; private set; }

    public readonly LldpTlvReader GetEnumerator() => this;

    public readonly LldpTlvReader Current => this;

    public bool MoveNext()
    {
        if (Problem is not null || _position + 2 > _lldpdu.Length)
            return false;
        var type = _lldpdu[_position] >> 1;
        var length = ((_lldpdu[_position] & 1) << 8) | _lldpdu[_position + 1];
        if (type == 0)
            return false;
        if (_position + 2 + length > _lldpdu.Length)
        {
            Problem = $"TLV type {type} at {_position} is {length} bytes long, past the end";
            return false;
        }
        Type = type;
        Value = _lldpdu.Slice(_position + 2, length);
        _position += 2 + length;
        return true;
    }
}
