using System.Diagnostics;

namespace IoTopia.Certify.EndToEnd.Tests.TestKit;

/// <summary>
/// The machine lock that serializes only the fixtures sharing a machine-wide resource: exclusive shuts out every
/// other holder, shared admits shared holders only, and another process's flock(1) on the same file is seen both ways
/// (two test runs on one machine exclude each other).
/// </summary>
[TestFixture]
public sealed class MachineLockTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(10);

    private static string Name() => $"machine-lock-test-{Guid.NewGuid():N}";

    [Test]
    public async Task AnExclusiveHolderShutsOutEveryOtherUntilItLetsGo()
    {
        var name = Name();
        using (await MachineLock.ExclusiveAsync(name, Short))
        {
            Assert.That(MachineLock.TryExclusive(name), Is.Null);
            Assert.ThrowsAsync<AssertionException>(() => MachineLock.SharedAsync(name, TimeSpan.FromMilliseconds(300)));
        }
        using var again = MachineLock.TryExclusive(name);
        Assert.That(again, Is.Not.Null, "free once disposed");
        File.Delete(MachineLock.PathOf(name));
    }

    [Test]
    public async Task SharedHoldersGoTogetherAndKeepAnExclusiveOneOut()
    {
        var name = Name();
        using (await MachineLock.SharedAsync(name, Short))
        using (await MachineLock.SharedAsync(name, Short))
            Assert.That(MachineLock.TryExclusive(name), Is.Null);
        using var alone = await MachineLock.ExclusiveAsync(name, Short);
        File.Delete(MachineLock.PathOf(name));
    }

    [Test]
    public async Task AnotherProcessesFlockIsSeenBothWays()
    {
        var flock = ExternalProgram.Require("flock", "util-linux");
        var name = Name();
        var path = MachineLock.PathOf(name);
        using (await MachineLock.ExclusiveAsync(name, Short))
        {
            var refused = await ExternalProgram.RunAsync(flock, "--nonblock", "--shared", path, "true");
            Assert.That(refused.ExitCode, Is.EqualTo(1), $"flock(1) cannot share what this process holds alone: {refused}");
        }
        using (await MachineLock.SharedAsync(name, Short))
        {
            var shared = await ExternalProgram.RunAsync(flock, "--nonblock", "--shared", path, "true");
            Assert.That(shared.ExitCode, Is.Zero, shared.ToString());
            var refused = await ExternalProgram.RunAsync(flock, "--nonblock", "--exclusive", path, "true");
            Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        }
        using (var held = Process.Start(new ProcessStartInfo(flock, ["--exclusive", path, "sleep", "30"]) { UseShellExecute = false })!)
        {
            try
            {
                await Poll.UntilAsync(() => HeldElsewhere(name), Short, "flock(1) in another process to take the lock");
                Assert.ThrowsAsync<AssertionException>(() => MachineLock.SharedAsync(name, TimeSpan.FromMilliseconds(300)));
            }
            finally
            {
                held.Kill(entireProcessTree: true);
                await held.WaitForExitAsync();
            }
        }
        using var free = await MachineLock.ExclusiveAsync(name, Short);
        File.Delete(path);
    }

    private static bool HeldElsewhere(string name)
    {
        using var taken = MachineLock.TryExclusive(name);
        return taken is null;
    }
}
