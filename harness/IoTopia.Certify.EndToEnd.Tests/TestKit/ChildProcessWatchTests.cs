using System.Diagnostics;

namespace IoTopia.Certify.EndToEnd.Tests.TestKit;

/// <summary>
/// The watch that guards the in-process engine tests (no test there may start a process) sees a child process
/// while it runs and after it was reaped. It lives here because showing that means starting processes.
/// </summary>
[TestFixture]
public sealed class ChildProcessWatchTests
{
    [Test]
    public async Task ARunningChildIsSeenByItsPid()
    {
        var before = ChildProcessWatch.Take();
        using var sleep = Process.Start(new ProcessStartInfo("sleep", ["30"]) { UseShellExecute = false })!;
        try
        {
            // Polled: under load the child's /proc cmdline can still be empty for a moment after Process.Start returns.
            var seen = await Poll.UntilAsync(() => ChildProcessWatch.StartedSince(before) is { } s && s.Contains("sleep 30") ? s : null,
                TimeSpan.FromSeconds(10), "the watch to name the sleeping child");
            Assert.That(seen, Does.Contain(sleep.Id.ToString()).And.Contain("sleep 30"));
        }
        finally
        {
            sleep.Kill();
            await sleep.WaitForExitAsync();
        }
    }

    [Test]
    public async Task AChildThatCameAndWentIsSeenAfterItWasReaped()
    {
        var before = ChildProcessWatch.Take();
        var result = await ExternalProgram.RunAsync("true");
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(ChildProcessWatch.StartedSince(before), Is.Not.Null);
        Assert.That(ChildProcessWatch.Take().ReapedChildrenPageFaults, Is.GreaterThan(before.ReapedChildrenPageFaults));
    }
}
