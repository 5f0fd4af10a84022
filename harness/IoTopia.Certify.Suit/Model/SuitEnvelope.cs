using IoTopia.Certify.Suit.Cbor;

namespace IoTopia.Certify.Suit.Model;

/// <summary>
/// A decoded SUIT_Envelope. <see cref="ManifestWrapped"/> is the manifest's bstr as encoded (its digest is taken over it, header included);
/// <see cref="SeverableElements"/> the severed members the envelope carries (bstr items), by key; <see cref="IntegratedPayloads"/> by name.
/// </summary>
public sealed record SuitEnvelope(
    byte[] Encoded,
    bool Tagged,
    SuitAuthentication Authentication,
    CborValue ManifestWrapped,
    SuitManifest Manifest,
    IReadOnlyDictionary<int, CborValue> SeverableElements,
    IReadOnlyDictionary<string, CborValue> IntegratedPayloads);
