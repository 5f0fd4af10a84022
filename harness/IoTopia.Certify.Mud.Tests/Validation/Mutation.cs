using System.Text.Json.Nodes;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Tests.Support;

namespace IoTopia.Certify.Mud.Tests.Validation;

/// <summary>One edit of the valid fixture and the rule that must name it.</summary>
public sealed record Mutation(string Rule, Severity Severity, string Description, Func<string, string> Apply)
{
    public static Mutation Error(string rule, string description, Action<JsonObject> edit) => new(rule, Severity.Error, description, Tree(edit));

    public static Mutation Warning(string rule, string description, Action<JsonObject> edit) => new(rule, Severity.Warning, description, Tree(edit));

    public static Mutation TextError(string rule, string description, Func<string, string> edit) => new(rule, Severity.Error, description, edit);

    public override string ToString() => $"{Rule}: {Description}";

    private static Func<string, string> Tree(Action<JsonObject> edit) => text =>
    {
        var tree = JsonNode.Parse(text)!.AsObject();
        edit(tree);
        return Glow40.Serialize(tree);
    };
}
