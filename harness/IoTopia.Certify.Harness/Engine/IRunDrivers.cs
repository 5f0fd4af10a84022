using IoTopia.Certify.Harness.Answers;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// Drivers a run brings itself, whatever its rig file says: those that depend on how certify was started (a person
/// at its terminal) or on the run's own inputs (an answers file). Their capabilities join the rig's before the plan
/// is made; the command line supplies them, the engine knows none by name.
/// </summary>
public interface IRunDrivers
{
    /// <param name="answers">the run's answers file, when it was given one</param>
    IReadOnlyList<RunDriver> For(RunRequest request, AnswersFile? answers);
}
