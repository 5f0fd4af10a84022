using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Builds the <see cref="MudFile"/> model from the JSON tree, reporting what does not fit RFC 8520, RFC 8519 and RFC 7951.</summary>
internal static class MudFileReader
{
    public const string MudMember = "ietf-mud:mud";
    public const string AclsMember = "ietf-access-control-list:acls";
    public const string LegacyAclsMember = "ietf-access-control-list:access-lists";

    /// <param name="preRfcDraft">set when the ACLs are in the pre-RFC draft shape (reported; the ACLs are then not read)</param>
    public static MudFile? Read(JNode root, ProblemSink sink, out bool preRfcDraft)
    {
        preRfcDraft = false;
        if (root is not JObject)
        {
            sink.Error("yang-type", root.Location, $"a MUD file is a JSON object with the member {MudMember}, not {root.KindName}");
            return null;
        }
        var top = new ObjectReader((JObject)root, sink);
        var mudNode = top.Take(MudMember);
        var file = mudNode is null
            ? Missing(top)
            : ObjectReader.For(mudNode, MudMember, sink) is { } mud ? MudContainerReader.Read(mud) : new MudFile { Location = mudNode.Location };

        var (aclsNode, legacy) = top.Has(AclsMember) ? (top.Take(AclsMember), false) : (top.Take(LegacyAclsMember), top.Has(LegacyAclsMember));
        if (legacy)
        {
            sink.Warning("legacy-access-lists", aclsNode!.Location,
                $"the ACLs are under the pre-RFC key {LegacyAclsMember}; RFC 8519 names it {AclsMember} (accepted)");
        }
        if (PreRfcDraftDetector.Find(aclsNode) is { } draftKey)
        {
            preRfcDraft = true;
            sink.Error("pre-rfc-draft", draftKey.Value.Location,
                $"this is the pre-RFC draft MUD format (it uses {Quoted.Of(draftKey.Name)}; the draft shape has acl-type, access-list-entries, rule-name, ipv4-acl/ipv6-acl), not RFC 8520 with RFC 8519 ACLs: regenerate the file with a current MUD tool");
            aclsNode = null;
        }
        top.WarnUnread("a MUD file's top level");
        return file with { Acls = aclsNode is null ? [] : AclReader.ReadAll(aclsNode, sink), LegacyAclsKey = legacy };
    }

    private static MudFile Missing(ObjectReader top)
    {
        top.Sink.Error("mandatory-leaf", top.Location, $"{MudMember} is missing: this is not a MUD file");
        return new MudFile { Location = top.Location };
    }
}
