namespace IoTopia.Certify.Suit.Cbor;

public enum CborKind
{
    Integer,
    ByteString,
    TextString,
    Array,
    Map,
    Tag,
    Boolean,
    Null,
    Undefined,
    Simple,
    Float,
}
