namespace IoTopia.Certify.TestKit;

/// <summary>
/// A named lock every test process on this machine sees: a lock file under <see cref="Folder"/> held with flock(2)
/// (.NET takes LOCK_EX for <see cref="FileShare.None"/> and LOCK_SH for a shared read), released when disposed or
/// when the process dies. It serializes only the tests that share a machine-wide resource (a netns slot range, a
/// bench folder and its subnet), where NUnit's [NonParallelizable] would stop every other fixture too — and it
/// also holds between two test runs on one machine (a fresh-clone CI run beside another), which NUnit cannot see.
/// </summary>
public sealed class MachineLock : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly FileStream _file;

    private MachineLock(FileStream file, string name)
    {
        _file = file;
        Name = name;
    }

    public static string Folder => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "iotopia-certify-test-locks");

    public string Name { get; }

    public static string PathOf(string name) => System.IO.Path.Combine(Folder, name + ".lock");

    /// <summary>The lock alone; fails the test when it is not free within <paramref name="deadline"/>.</summary>
    public static Task<MachineLock> ExclusiveAsync(string name, TimeSpan deadline, CancellationToken ct = default) =>
        WaitAsync(name, exclusive: true, deadline, ct);

    /// <summary>The lock beside other shared holders, never beside an exclusive one; fails the test when not had within <paramref name="deadline"/>.</summary>
    public static Task<MachineLock> SharedAsync(string name, TimeSpan deadline, CancellationToken ct = default) =>
        WaitAsync(name, exclusive: false, deadline, ct);

    /// <summary>The lock alone if nobody holds it now, else null (no wait).</summary>
    public static MachineLock? TryExclusive(string name) => TryTake(name, exclusive: true);

    public void Dispose() => _file.Dispose();

    private static async Task<MachineLock> WaitAsync(string name, bool exclusive, TimeSpan deadline, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(deadline);
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (true)
            {
                if (TryTake(name, exclusive) is { } held)
                    return held;
                await timer.WaitForNextTickAsync(cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            Assert.Fail($"timed out after {deadline.TotalSeconds:0.###} s waiting for the machine lock {PathOf(name)} ({(exclusive ? "exclusive" : "shared")}): another test holds it");
            throw; // not reached: Assert.Fail throws
        }
    }

    private static MachineLock? TryTake(string name, bool exclusive)
    {
        Directory.CreateDirectory(Folder);
        try
        {
            var file = exclusive
                ? new FileStream(PathOf(name), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)
                : new FileStream(PathOf(name), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
            return new MachineLock(file, name);
        }
        catch (IOException)
        {
            return null; // held by another
        }
    }
}
