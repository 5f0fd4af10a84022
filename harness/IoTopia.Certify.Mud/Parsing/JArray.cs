namespace IoTopia.Certify.Mud.Parsing;

internal sealed class JArray : JNode
{
    private readonly List<JNode> items = [];

    public IReadOnlyList<JNode> Items => items;

    public override string KindName => "an array";

    public void Add(JNode item)
    {
        item.Parent = this;
        item.Index = items.Count;
        items.Add(item);
    }
}
