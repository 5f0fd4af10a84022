using NUnit.Framework.Interfaces;

namespace IoTopia.Certify.Harness.Tests.Support;

/// <summary>
/// The guard of the in-process engine tests: after each test, fails it when this test process has started a
/// child process since the previous check — running, unreaped or already reaped (<see cref="ChildProcessWatch"/>).
/// Applied to the whole assembly (AssemblyInfo.cs). Fixtures run two at a time, so the test failed may be the
/// neighbour of the one that started the process; either way the run fails. A test that needs the built program,
/// a device or a tool belongs in IoTopia.Certify.EndToEnd.Tests (whose ChildProcessWatchTests show the watch sees a start).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class NoChildProcessesAttribute : Attribute, ITestAction
{
    private static readonly Lock Gate = new();
    private static ChildProcessWatch.Snapshot _lastSeen = ChildProcessWatch.Take();

    public ActionTargets Targets => ActionTargets.Test;

    public void BeforeTest(ITest test)
    {
    }

    public void AfterTest(ITest test)
    {
        string? evidence;
        lock (Gate)
        {
            evidence = ChildProcessWatch.StartedSince(_lastSeen);
            _lastSeen = ChildProcessWatch.Take();
        }
        if (evidence is not null)
            Assert.Fail($"the in-process engine tests must not start processes, but one was started ({evidence}); " +
                        "move the test that needs it to IoTopia.Certify.EndToEnd.Tests");
    }
}
