namespace IoTopia.Certify.Harness.Tests.Support;

/// <summary>
/// The engine's test suites and the in-process rig (TestSuites/, copied beside the tests). The engine tests run
/// them in this process; the end-to-end tests link the same files and this class, and run them through the built program.
/// </summary>
public static class TestSuites
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "TestSuites");

    /// <summary>A rig with no device and no drivers (kind: in-process).</summary>
    public static string InProcessRig { get; } = File("in-process.rig.yaml");

    public static string File(string name) => Path.Combine(Folder, name);
}
