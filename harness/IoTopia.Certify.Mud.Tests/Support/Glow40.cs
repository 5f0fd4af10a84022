using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IoTopia.Certify.Mud.Model;
using IoTopia.Certify.Mud.Validation;

namespace IoTopia.Certify.Mud.Tests.Support;

/// <summary>The committed valid fixture (a lightbulb using every ACE feature the model carries), and edits of it.</summary>
public static class Glow40
{
    public static string Path { get; } = TestData.Fixture("glow40-lightbulb.json");

    public static string Text => File.ReadAllText(Path);

    public static byte[] Bytes => File.ReadAllBytes(Path);

    public static JsonObject Tree() => JsonNode.Parse(Text)!.AsObject();

    public static JsonObject Container(JsonObject tree) => tree["ietf-mud:mud"]!.AsObject();

    public static JsonArray Acls(JsonObject tree) => tree["ietf-access-control-list:acls"]!["acl"]!.AsArray();

    public static JsonObject AclNode(JsonObject tree, int index) => Acls(tree)[index]!.AsObject();

    public static JsonObject AceNode(JsonObject tree, int acl, int ace) => AclNode(tree, acl)["aces"]!["ace"]![ace]!.AsObject();

    public static string Serialize(JsonObject tree) => tree.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static MudValidationResult Validate(string text, string name = "glow40.json") => MudValidator.Validate(name, Encoding.UTF8.GetBytes(text));

    public static MudValidationResult Validate(JsonObject tree) => Validate(Serialize(tree));
}
