using IoTopia.Certify.Harness.Catalogue;
using IoTopia.Certify.Harness.Declarations;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Verdicts;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// A requirement's verdict from its scenarios' verdicts and, for review requirements, the assessor's
/// decision, by the rules of CONTRACTS.md. The manufacturer's declaration never makes a verdict; only
/// "not applicable", with its justification, makes the requirement skipped.
/// </summary>
public static class RequirementVerdicts
{
    public static RequirementResult Derive(Requirement requirement, string tier, IReadOnlyList<ScenarioResult> scenarios, RunDeclarations? declarations = null)
    {
        declarations ??= RunDeclarations.None;
        var mine = scenarios.Where(s => s.Kind == ScenarioKind.Certification && s.Requirements.Contains(requirement.Id)).ToList();
        var ids = mine.Select(s => s.Id).ToList();
        var declaration = declarations.DeclarationFor(requirement.Id);
        var decision = declarations.DecisionFor(requirement.Id);
        ReviewResult? review = requirement.Verification == Verification.Test && declaration is null
            ? null
            : new ReviewResult { Statement = declaration?.Describe(), Decision = decision?.Describe() };

        if (!RequirementCatalogue.AppliesAt(requirement, tier))
            return Skipped(requirement, ids, SkipReason.NotApplicable, $"not-applicable: tier {requirement.Tier} is above the target tier {tier}") with { Review = review };
        if (declaration?.Support == Support.NotApplicable)
            return Skipped(requirement, ids, SkipReason.NotApplicable, $"not-applicable: {declaration.Describe()}") with { Review = review };

        var test = TestVerdict(requirement, mine) with { Review = review };
        if (requirement.Verification == Verification.Test)
            return test;

        var (reviewVerdict, reviewReason) = decision is null
            ? (Verdict.Inconclusive, "awaiting assessor review")
            : (decision.Verdict, $"assessor decision: {decision.Describe()}");
        if (requirement.Verification == Verification.Review)
            return new RequirementResult { Id = requirement.Id, Verdict = reviewVerdict, Reason = reviewReason, Scenarios = ids, Review = review };
        var both = VerdictOrder.Worst(test.Verdict, reviewVerdict);
        // the test half not run (for a reason other than not-applicable) keeps a review pass from passing the requirement
        if (both == Verdict.Pass && test.Verdict == Verdict.Skipped && test.SkipReason != SkipReason.NotApplicable)
            both = Verdict.Inconclusive;
        return test with
        {
            Verdict = both,
            Reason = $"test: {test.Reason}; review: {reviewReason}",
            SkipReason = both == Verdict.Skipped ? test.SkipReason : null,
        };
    }

    private static RequirementResult TestVerdict(Requirement requirement, IReadOnlyList<ScenarioResult> mine)
    {
        var ids = mine.Select(s => s.Id).ToList();
        if (mine.Count == 0)
            return Skipped(requirement, ids, SkipReason.NoScenario, "no-scenario: no scenario verifies it yet");
        var executed = mine.Where(s => s.Verdict != Verdict.Skipped).ToList();
        var skipped = mine.Where(s => s.Verdict == Verdict.Skipped).ToList();
        if (executed.Count == 0)
        {
            var reasons = skipped.Select(s => s.SkipReason ?? SkipReason.NoScenario).Distinct().ToList();
            var reason = reasons.Count == 1 ? reasons[0] : reasons.Contains(SkipReason.NotApplicable) ? SkipReason.NotApplicable : reasons[0];
            return Skipped(requirement, ids, reason, "no scenario ran: " + string.Join("; ", skipped.Select(s => $"{s.Id} ({s.Reason})")));
        }
        var worst = VerdictOrder.Worst(executed.Select(s => s.Verdict));
        var notRun = skipped.Where(s => s.SkipReason != SkipReason.NotApplicable).ToList();
        if (worst == Verdict.Pass && notRun.Count > 0)
            return new RequirementResult
            {
                Id = requirement.Id,
                Verdict = Verdict.Inconclusive,
                Reason = "not all scenarios ran: " + string.Join("; ", notRun.Select(s => $"{s.Id} ({s.Reason})")),
                Scenarios = ids,
            };
        var deciding = executed.Where(s => s.Verdict == worst).Select(s => $"{s.Id}: {s.Reason}");
        return new RequirementResult
        {
            Id = requirement.Id,
            Verdict = worst,
            Reason = worst == Verdict.Pass ? $"all {executed.Count} scenarios passed" : string.Join("; ", deciding),
            Scenarios = ids,
        };
    }

    private static RequirementResult Skipped(Requirement r, IReadOnlyList<string> ids, SkipReason reason, string text) =>
        new() { Id = r.Id, Verdict = Verdict.Skipped, SkipReason = reason, Reason = text, Scenarios = ids };
}
