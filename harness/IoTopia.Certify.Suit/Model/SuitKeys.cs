namespace IoTopia.Certify.Suit.Model;

/// <summary>
/// The CBOR keys of draft-ietf-suit-manifest-37 (and only those: an envelope using any other is refused, fail closed).
/// Numbers of the companion drafts (update management, trust domains, encryption) are named so the refusal says where they belong.
/// </summary>
public static class SuitKeys
{
    public const int AuthenticationWrapper = 2;
    public const int Manifest = 3;
    public const int PayloadFetch = 16;
    public const int Install = 20;
    public const int Text = 23;

    public const int ManifestVersion = 1;
    public const int SequenceNumber = 2;
    public const int Common = 3;
    public const int ReferenceUri = 4;
    public const int Validate = 7;
    public const int Load = 8;
    public const int Invoke = 9;

    public const int Components = 2;
    public const int SharedSequence = 4;

    public const int ConditionVendorIdentifier = 1;
    public const int ConditionClassIdentifier = 2;
    public const int ConditionImageMatch = 3;
    public const int DirectiveSetComponentIndex = 12;
    public const int DirectiveTryEach = 15;
    public const int DirectiveOverrideParameters = 20;
    public const int DirectiveFetch = 21;
    public const int DirectiveInvoke = 23;
    public const int DirectiveRunSequence = 32;

    public const int ParameterVendorIdentifier = 1;
    public const int ParameterClassIdentifier = 2;
    public const int ParameterImageDigest = 3;
    public const int ParameterImageSize = 14;
    public const int ParameterUri = 21;

    public const int AlgorithmSha256 = -16;

    public static readonly IReadOnlyDictionary<int, string> EnvelopeElements = new Dictionary<int, string>
    {
        [AuthenticationWrapper] = "authentication-wrapper", [Manifest] = "manifest",
        [PayloadFetch] = "payload-fetch", [Install] = "install", [Text] = "text",
    };

    /// <summary>The manifest members that may be severed: their envelope element is checked against the manifest's digest.</summary>
    public static readonly IReadOnlySet<int> Severable = new HashSet<int> { PayloadFetch, Install, Text };

    public static readonly IReadOnlyDictionary<int, string> ManifestMembers = new Dictionary<int, string>
    {
        [ManifestVersion] = "manifest-version", [SequenceNumber] = "manifest-sequence-number", [Common] = "common",
        [ReferenceUri] = "reference-uri", [Validate] = "validate", [Load] = "load", [Invoke] = "invoke",
        [PayloadFetch] = "payload-fetch", [Install] = "install", [Text] = "text",
    };

    public static readonly IReadOnlyDictionary<int, string> CommonMembers = new Dictionary<int, string>
    {
        [Components] = "components", [SharedSequence] = "shared-sequence",
    };

    /// <summary>Commands whose argument is a SUIT_Rep_Policy (uint).</summary>
    public static readonly IReadOnlyDictionary<int, string> ReportingCommands = new Dictionary<int, string>
    {
        [ConditionVendorIdentifier] = "condition-vendor-identifier", [ConditionClassIdentifier] = "condition-class-identifier",
        [ConditionImageMatch] = "condition-image-match", [5] = "condition-component-slot", [6] = "condition-check-content",
        [14] = "condition-abort", [24] = "condition-device-identifier",
        [18] = "directive-write", [DirectiveFetch] = "directive-fetch", [22] = "directive-copy",
        [DirectiveInvoke] = "directive-invoke", [31] = "directive-swap",
    };

    public static readonly IReadOnlyDictionary<int, string> StructuredCommands = new Dictionary<int, string>
    {
        [DirectiveSetComponentIndex] = "directive-set-component-index", [DirectiveTryEach] = "directive-try-each",
        [DirectiveOverrideParameters] = "directive-override-parameters", [DirectiveRunSequence] = "directive-run-sequence",
    };

    public static readonly IReadOnlyDictionary<int, string> Parameters = new Dictionary<int, string>
    {
        [ParameterVendorIdentifier] = "vendor-id", [ParameterClassIdentifier] = "class-id", [ParameterImageDigest] = "image-digest",
        [5] = "component-slot", [12] = "strict-order", [13] = "soft-failure", [ParameterImageSize] = "image-size",
        [18] = "content", [ParameterUri] = "uri", [22] = "source-component", [23] = "invoke-args",
        [24] = "device-id", [25] = "fetch-args",
    };

    /// <summary>Numbers that other SUIT drafts define: named in the refusal.</summary>
    public static readonly IReadOnlyDictionary<int, string> CompanionCommands = new Dictionary<int, string>
    {
        [4] = "condition-use-before (draft-ietf-suit-update-management)", [7] = "condition-dependency-integrity (draft-ietf-suit-trust-domains)",
        [8] = "condition-is-dependency (draft-ietf-suit-trust-domains)", [11] = "directive-process-dependency (draft-ietf-suit-trust-domains)",
        [19] = "directive-set-parameters (draft-ietf-suit-trust-domains)", [25] = "condition-image-not-match (draft-ietf-suit-update-management)",
        [26] = "condition-minimum-battery (draft-ietf-suit-update-management)", [27] = "condition-update-authorized (draft-ietf-suit-update-management)",
        [28] = "condition-version (draft-ietf-suit-update-management)", [29] = "directive-wait (draft-ietf-suit-update-management)",
        [33] = "directive-unlink (draft-ietf-suit-trust-domains)", [34] = "directive-override-multiple (draft-ietf-suit-update-management)",
        [35] = "directive-copy-params (draft-ietf-suit-update-management)",
    };

    public static readonly IReadOnlyDictionary<int, string> TextMembers = new Dictionary<int, string>
    {
        [1] = "manifest-description", [2] = "update-description", [3] = "manifest-json-source", [4] = "manifest-yaml-source",
    };

    public static readonly IReadOnlyDictionary<int, string> TextComponentMembers = new Dictionary<int, string>
    {
        [1] = "vendor-name", [2] = "model-name", [3] = "vendor-domain", [4] = "model-info", [5] = "component-description", [6] = "component-version",
    };

    public static string CommandName(int code) =>
        ReportingCommands.TryGetValue(code, out var a) ? a : StructuredCommands.TryGetValue(code, out var b) ? b : code < 0 ? "condition-custom" : $"command {code}";
}
