namespace IoTopia.Certify.Suit.Diagnostics;

/// <summary>Where in a SUIT envelope an item is: decides the names printed beside its keys and which byte strings hold CBOR.</summary>
internal enum DiagnosticContext
{
    Plain,
    Envelope,
    AuthenticationWrapper,
    Digest,
    CoseSign1,
    Manifest,
    Common,
    Sequence,
    Parameters,
    Text,
    TextComponent,
}
