namespace IoTopia.Certify.Harness.Answers;

/// <summary>
/// Step arguments of a question put to the person at the bench (<c>operator.confirm</c>, <c>operator.prompt</c>):
/// the key its answer is filed under (<c>answers.&lt;scenario-id&gt;.&lt;key&gt;</c> in an answers file), and the answers it
/// takes. The engine checks an answers file against these without knowing any step by name.
/// </summary>
public interface IOperatorQuestion
{
    /// <summary>A plain name, unique within its scenario's questions.</summary>
    string Key { get; }

    /// <summary>The only answers the question takes (yes, no …), or null for a free value.</summary>
    IReadOnlyList<string>? Choices { get; }
}
