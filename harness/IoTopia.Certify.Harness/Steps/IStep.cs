using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.Harness.Steps;

/// <summary>One action of a scenario. Implement <see cref="Step{TArgs}"/> rather than this.</summary>
public interface IStep
{
    Type ArgumentsType { get; }

    Task<StepOutcome> RunAsync(StepContext context, object arguments, CancellationToken ct);
}
