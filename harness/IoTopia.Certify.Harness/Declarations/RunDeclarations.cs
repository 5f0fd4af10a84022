namespace IoTopia.Certify.Harness.Declarations;

/// <summary>What the manufacturer declared and what the assessor decided, for one run.</summary>
public sealed record RunDeclarations(ConformanceStatement Statement, IReadOnlyDictionary<string, AssessorDecision> Decisions)
{
    public static RunDeclarations None { get; } = new(ConformanceStatement.None, new Dictionary<string, AssessorDecision>());

    public Declaration? DeclarationFor(string requirementId) => Statement.Declarations.GetValueOrDefault(requirementId);

    public AssessorDecision? DecisionFor(string requirementId) => Decisions.GetValueOrDefault(requirementId);
}
