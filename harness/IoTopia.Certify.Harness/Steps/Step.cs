using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.Harness.Steps;

/// <summary>
/// A step with typed arguments. Mark the class with <see cref="StepAttribute"/>; its arguments are a
/// class with public init properties (kebab-case in YAML). One class a file, with its test.
/// </summary>
public abstract class Step<TArgs> : IStep where TArgs : class
{
    public Type ArgumentsType => typeof(TArgs);

    public Task<StepOutcome> RunAsync(StepContext context, object arguments, CancellationToken ct) =>
        RunAsync(context, (TArgs)arguments, ct);

    protected abstract Task<StepOutcome> RunAsync(StepContext context, TArgs args, CancellationToken ct);
}

/// <summary>Arguments of a step that takes none.</summary>
public sealed class NoArguments;
