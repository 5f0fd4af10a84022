using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Answers;

/// <summary>
/// An answers file against the loaded suite and the plan, before anything runs: an answer no question asks for (a
/// typo in a scenario id or key) and a wrong kind of answer are errors at the file's line; a question of a scenario
/// that will run and that the file does not answer is an error at the suite's line.
/// </summary>
public static class AnswersCheck
{
    /// <summary>The questions a scenario asks, by key, with the step that asks and where.</summary>
    public static IEnumerable<(IOperatorQuestion Question, StepCall Call)> Questions(Scenario scenario) =>
        scenario.Steps.Concat(scenario.Cleanup)
            .Where(c => c.Arguments is IOperatorQuestion)
            .Select(c => ((IOperatorQuestion)c.Arguments, c));

    public static IReadOnlyList<string> Problems(AnswersFile answers, Suite suite, IReadOnlyList<PlannedScenario> plan)
    {
        var problems = new List<string>();
        var byId = suite.Scenarios.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var (id, keys) in answers.ByScenario)
        {
            if (!byId.TryGetValue(id, out var scenario))
            {
                problems.Add($"{answers.ScenarioLocations[id]}: answers.{id}: no loaded scenario has the id '{id}'");
                continue;
            }
            var asked = Questions(scenario).GroupBy(q => q.Question.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Question, StringComparer.Ordinal);
            foreach (var (key, answer) in keys)
            {
                if (!asked.TryGetValue(key, out var question))
                    problems.Add($"{answer.Location}: answers.{id}.{key}: scenario {id} asks no question with the key '{key}'" +
                                 (asked.Count == 0 ? " (it asks none)" : $" (its keys: {string.Join(", ", asked.Keys.Order(StringComparer.Ordinal))})"));
                else if (question.Choices is { } choices && !choices.Contains(answer.Value.ToLowerInvariant(), StringComparer.Ordinal))
                    problems.Add($"{answer.Location}: answers.{id}.{key}: '{(answer.Secret ? "(secret)" : answer.Value)}' does not answer this question; one of {string.Join(", ", choices)}");
            }
        }
        foreach (var planned in plan.Where(p => p.Skip is null))
        {
            foreach (var (question, call) in Questions(byId[planned.Id]).DistinctBy(q => q.Question.Key))
            {
                if (answers.Find(planned.Id, question.Key) is null)
                    problems.Add($"{call.Location}: {call.Name} (key {question.Key}): {answers.File} gives no answer; add answers.{planned.Id}.{question.Key}");
            }
        }
        return problems;
    }
}
