using System.Text.Json.Nodes;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>A MUD file's validation as evidence: every problem with file, line, column, JSON path, severity and rule; the facts.</summary>
internal static class ValidationJson
{
    public const int MaxInDetails = 20;

    public static JsonObject Build(MudValidationResult validation, int? limit = null) => new()
    {
        ["file"] = validation.File,
        ["valid"] = validation.IsValid,
        ["errors"] = validation.ErrorCount,
        ["warnings"] = validation.WarningCount,
        ["problems"] = new JsonArray(validation.Problems.Take(limit ?? int.MaxValue).Select(p => (JsonNode?)new JsonObject
        {
            ["line"] = p.Line,
            ["column"] = p.Column,
            ["path"] = DeviceText.Clip(p.Path, 300),
            ["severity"] = p.SeverityName,
            ["rule"] = p.Rule,
            ["message"] = DeviceText.Clip(p.Message, 600),
        }).ToArray()),
        ["facts"] = new JsonArray(validation.Facts.Select(f => (JsonNode?)DeviceText.Clip(f.ToString(), 300)).ToArray()),
    };
}
