namespace IoTopia.Certify.Harness.Engine;

/// <summary>
/// Runs the certify program again somewhere the rig needs it (e.g. inside network namespaces its kind
/// creates): it prepares the place, starts the program there as its own child with the same
/// arguments and stdio, passes Ctrl-C and SIGTERM on, returns its exit code, and takes the place down.
/// </summary>
public abstract class RunIsolation
{
    /// <param name="command">the program and its arguments, as this process was started for the run (dotnet, the CLI dll, run …)</param>
    /// <returns>the exit code of the run inside</returns>
    public abstract Task<int> RunAsync(IReadOnlyList<string> command);
}
