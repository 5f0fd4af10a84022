using IoTopia.Certify.Harness.Integrity;
using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Verdicts;
using YamlDotNet.RepresentationModel;

namespace IoTopia.Certify.Harness.Declarations;

/// <summary>
/// Loads the assessor decisions file. Decisions apply only to review and both requirements, and each
/// document examined must still hash to the SHA-256 the assessor recorded.
/// </summary>
public static class DecisionsLoader
{
    public static IReadOnlyDictionary<string, AssessorDecision> Load(string file, RequirementCatalogue catalogue)
    {
        var errors = new InputErrors();
        var map = new YamlMap(file, YamlFile.LoadMapping(file));
        if (map.Int("schemaVersion") is not 1)
            errors.Add(new InputException(map.LocationOf("schemaVersion"), "schemaVersion: must be 1"));
        var assessor = map.RequiredString("assessor");
        var result = new Dictionary<string, AssessorDecision>(StringComparer.Ordinal);
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (map.Map("decisions") is { } decisions)
        {
            foreach (var id in decisions.Keys)
            {
                try
                {
                    result[id] = Decision(decisions, id, assessor, baseDir, catalogue, errors);
                }
                catch (InputException e)
                {
                    errors.Add(e);
                }
            }
        }
        map.RejectUnknownKeys(errors);
        errors.ThrowIfAny();
        return result;
    }

    private static AssessorDecision Decision(YamlMap decisions, string id, string assessor, string baseDir, RequirementCatalogue catalogue, InputErrors errors)
    {
        if (!catalogue.ById.TryGetValue(id, out var requirement))
            throw new InputException(decisions.LocationOf(id), $"decisions.{id}: not a requirement of the catalogue");
        if (requirement.Verification == Verification.Test)
            throw new InputException(decisions.LocationOf(id), $"decisions.{id}: verified by test only; an assessor decision does not apply");
        var entry = decisions.Map(id) ?? throw new InputException(decisions.LocationOf(id), $"decisions.{id}: expected verdict:, rationale:, documents:");
        var verdict = entry.RequiredString("verdict") switch
        {
            "pass" => Verdict.Pass,
            "fail" => Verdict.Fail,
            "inconclusive" => Verdict.Inconclusive,
            var other => throw new InputException(entry.LocationOf("verdict"), $"decisions.{id}.verdict: '{other}' is not pass, fail or inconclusive"),
        };
        var rationale = entry.RequiredString("rationale").Trim();
        var documents = new List<ReviewedDocument>();
        foreach (var node in entry.Sequence("documents")?.Children ?? [])
        {
            if (node is not YamlMappingNode m)
                throw new InputException(YamlFile.At(decisions.File, node), $"decisions.{id}.documents[]: expected path: and sha256:");
            var doc = new YamlMap(decisions.File, m, $"decisions.{id}.documents[]");
            doc.RequiredString("path");
            var path = doc.FilePath("path", baseDir)!;
            var sha = doc.RequiredString("sha256").ToLowerInvariant();
            doc.RejectUnknownKeys(errors);
            if (!File.Exists(path))
                errors.Add(new InputException(doc.LocationOf("path"), $"{doc.Path}.path: no such document {path}"));
            else if (FileHash.Sha256(path) is var actual && actual != sha)
                errors.Add(new InputException(doc.LocationOf("sha256"), $"{doc.Path}.sha256: {path} hashes to {actual}, not to what the assessor recorded"));
            documents.Add(new ReviewedDocument(path, sha));
        }
        if (documents.Count == 0)
            errors.Add(new InputException(entry.Location, $"decisions.{id}.documents: name at least one document examined"));
        entry.RejectUnknownKeys(errors);
        return new AssessorDecision(id, verdict, rationale, assessor, documents);
    }

}
