using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Dns;
using IoTopia.Certify.Wire.Frames;

namespace IoTopia.Certify.Mud.Flows;

/// <summary>What ACE matching needs beyond the flow: the MUD file (its URL for same-manufacturer and my-controller), the lab's settings, the capture's names and the other Things' MUD URLs.</summary>
internal sealed record MatchContext(MudFile Mud, CheckSettings Settings, CaptureAnalysis Capture)
{
    private readonly Dictionary<IpAddr, IReadOnlyList<NameChain>> _names = [];
    // Keyed by the ACE's own string instance: thousands of flows ask for the same few names.
    private readonly Dictionary<string, string> _normalised = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Ace, AceRef> _references = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(Direction, AceRef), DirectionJudgement> _allowed = [];

    /// <summary>Scratch list for why an ACE's match is unknown (judging is single-threaded; cleared before each ACE).</summary>
    public List<string> Why { get; } = [];

    /// <summary>Each policy's ACLs, resolved once per check.</summary>
    public IReadOnlyList<Acl> FromDevice { get; } = Mud.Policy(Direction.FromDevice);

    public IReadOnlyList<Acl> ToDevice { get; } = Mud.Policy(Direction.ToDevice);

    public IReadOnlyList<Acl> Policy(Direction direction) => direction == Direction.FromDevice ? FromDevice : ToDevice;

    /// <summary>Some ACE of the policies has an eth match: only such an ACE can judge infrastructure.</summary>
    public bool HasEthAces { get; } = Mud.Policy(Direction.FromDevice).Concat(Mud.Policy(Direction.ToDevice)).Any(acl => acl.Aces.Any(a => a.Matches.Eth is not null));

    /// <summary>The capture's names of an address (many flows share a remote: looked up once).</summary>
    public IReadOnlyList<NameChain> NamesOf(IpAddr address)
    {
        if (!_names.TryGetValue(address, out var names))
            _names[address] = names = Capture.Names.NamesOf(address);
        return names;
    }

    /// <summary>An ACE's DNS name as names are compared (normalised once).</summary>
    public string Normalised(string name)
    {
        if (!_normalised.TryGetValue(name, out var normal))
            _normalised[name] = normal = NameBindings.Normalise(name);
        return normal;
    }

    /// <summary>The reference to an ACE of <paramref name="acl"/> (one instance per ACE).</summary>
    public AceRef Reference(Acl acl, Ace ace)
    {
        if (!_references.TryGetValue(ace, out var reference))
            _references[ace] = reference = new AceRef(acl.Name, ace.Name);
        return reference;
    }

    /// <summary>The judgement "allowed by <paramref name="reference"/>" (immutable: one instance per direction and ACE, shared by the flows it allows).</summary>
    public DirectionJudgement Allowed(Direction direction, AceRef reference)
    {
        if (!_allowed.TryGetValue((direction, reference), out var judgement))
            _allowed[(direction, reference)] = judgement = new DirectionJudgement(direction, true, reference, $"allowed by {reference}");
        return judgement;
    }

    public IReadOnlyList<string> UrlsOf(IpAddr address) =>
        Capture.ThingUrls.TryGetValue(address, out var urls) ? urls : [];

    public static string? Authority(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host.ToLowerInvariant() : null;
}
