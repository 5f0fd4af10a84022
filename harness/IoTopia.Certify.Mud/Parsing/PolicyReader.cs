using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Mud.Parsing;

/// <summary>Reads <c>from-device-policy</c> / <c>to-device-policy</c>: <c>access-lists.access-list[].name</c>.</summary>
internal static class PolicyReader
{
    public static IReadOnlyList<AclReference> Read(ObjectReader mud, string name)
    {
        if (mud.Object(name) is not { } policy)
            return [];
        var references = new List<AclReference>();
        if (policy.Object("access-lists") is { } lists)
        {
            foreach (var item in Leaf.Array(lists.Take("access-list"), "access-list", mud.Sink))
            {
                if (ObjectReader.For(item, "an access-list entry", mud.Sink) is not { } entry)
                    continue;
                var nameNode = entry.Mandatory("name");
                if (Leaf.String(nameNode, "name", mud.Sink) is { } aclName)
                    references.Add(new AclReference(aclName, nameNode!.Location));
                entry.WarnUnread("an access-list entry");
            }
            lists.WarnUnread("access-lists");
        }
        policy.WarnUnread(name);
        return references;
    }
}
