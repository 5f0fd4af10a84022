namespace IoTopia.Certify.Mud.Parsing;

/// <summary>The <c>name</c> key of an ACL or ACE: a mandatory string of 1 to 64 characters.</summary>
internal static class Names
{
    public static string? Read(ObjectReader entry, string what)
    {
        var node = entry.Mandatory("name");
        var name = Leaf.String(node, "name", entry.Sink);
        if (name is not null && name.Length is < 1 or > 64)
        {
            entry.Sink.Error("yang-type", node!.Location, $"the {what} name {Quoted.Of(name)} must be 1 to 64 characters long");
        }
        return name;
    }
}
