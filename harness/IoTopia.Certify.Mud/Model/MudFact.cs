namespace IoTopia.Certify.Mud.Model;

/// <summary>Something the file states that a reader of the result should see (end of support, declared extensions …), not a problem.</summary>
public sealed record MudFact(string Name, string Value)
{
    public override string ToString() => $"{Name}: {Value}";
}
