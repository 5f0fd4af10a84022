namespace IoTopia.Certify.Mud.Parsing;

/// <summary>
/// Recognises the ACL shape of the drafts before RFC 8519/8520 (draft-ietf-netmod-acl-model, early
/// draft-ietf-opsawg-mud), which tools like the 2017 osMUD examples still emit.
/// </summary>
internal static class PreRfcDraftDetector
{
    public static readonly IReadOnlySet<string> DraftKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "acl-type", "acl-name", "access-list-entries", "rule-name", "ipv4-acl", "ipv6-acl",
        "source-port-range-or-operator", "destination-port-range-or-operator",
    };

    /// <summary>The first member in the subtree whose name only the draft format uses, or null.</summary>
    public static JMember? Find(JNode? node)
    {
        var pending = new Stack<JNode>();
        if (node is not null)
            pending.Push(node);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JObject o:
                    foreach (var m in o.Members)
                    {
                        if (DraftKeys.Contains(m.Name))
                            return m;
                    }
                    foreach (var m in o.Members.Reverse())
                        pending.Push(m.Value);
                    break;
                case JArray a:
                    for (var i = a.Items.Count - 1; i >= 0; i--)
                        pending.Push(a.Items[i]);
                    break;
            }
        }
        return null;
    }
}
