using IoTopia.Certify.Fuzz.Campaigns;
using IoTopia.Certify.Fuzz.Corpus;
using IoTopia.Certify.Fuzz.Mutation;
using IoTopia.Certify.Fuzz.Oracle;
using IoTopia.Certify.Fuzz.Targets;

namespace IoTopia.Certify.Fuzz.Tests.Oracle;

/// <summary>The oracle can say fail: a crash, a hang past the deadline and an allocation past the bound are each a failure, saved for replay.</summary>
[TestFixture]
public sealed class CaseRunnerTests
{
    /// <summary>A target that misbehaves on purpose, as the first input byte says: 'c' crashes, 'h' hangs, 'm' allocates 64 MiB, 'r' refuses.</summary>
    private sealed class MisbehavingTarget : IFuzzTarget
    {
        public string Name => "misbehaving";

        public string Extension => ".bin";

        public Dialect Dialect => Dialect.Binary;

        public IReadOnlyList<Seed> Seeds(SeedCorpus corpus) => [];

        public void Run(byte[] input, Seed origin)
        {
            switch ((char)input[0])
            {
                case 'c':
                    _ = input[int.MaxValue / 2];
                    break;
                case 'h':
                    // a parser that hangs: it outlives the runner's 10 s deadline, but not the test run (no thread left for ever)
                    using (var never = new ManualResetEventSlim())
                        never.Wait(TimeSpan.FromMinutes(1));
                    break;
                case 'm':
                    for (var i = 0; i < 64; i++)
                        GC.KeepAlive(new byte[1024 * 1024]);
                    break;
                case 'r':
                    throw new FormatException("refused");
            }
        }

        public bool IsOwnError(Exception e) => e is FormatException;

        public long MaxAllocatedBytes(byte[] input) => 16 * 1024 * 1024;

        public void Dispose()
        {
        }
    }

    private static readonly Seed Origin = new("/seeds/origin.bin", [0]);

    // a deadline far beyond what the cases need, so that a loaded machine never turns a crash or an allocation into a hang
    private static CaseOutcome Run(char what) =>
        new CaseRunner(new MisbehavingTarget(), TimeSpan.FromSeconds(20)).Run([(byte)what], Origin);

    [Test]
    public void AnExceptionOtherThanTheParsersOwnIsACrash()
    {
        var outcome = Run('c');
        Assert.That(outcome.Verdict, Is.EqualTo(CaseVerdict.Crash));
        Assert.That(outcome.Signature, Is.EqualTo("crash: IndexOutOfRangeException at IoTopia.Certify.Fuzz.Tests.Oracle.CaseRunnerTests+MisbehavingTarget.Run"));
    }

    [Test]
    public void TheParsersOwnErrorIsARefusalNotAFailure()
    {
        var outcome = Run('r');
        Assert.That((outcome.Verdict, outcome.IsFailure, outcome.Error?.Message), Is.EqualTo((CaseVerdict.Refused, false, "refused")));
    }

    [Test]
    public void ACaseStillRunningAtItsDeadlineIsAHang()
    {
        var runner = new CaseRunner(new MisbehavingTarget(), TimeSpan.FromMilliseconds(300));
        var outcome = runner.Run("h"u8.ToArray(), Origin);
        Assert.That((outcome.Verdict, runner.Abandoned), Is.EqualTo((CaseVerdict.Hang, 1)));
    }

    [Test]
    public void AllocatingPastTheBoundIsAMemoryFailure()
    {
        var outcome = Run('m');
        Assert.That(outcome.Verdict, Is.EqualTo(CaseVerdict.Memory));
        Assert.That(outcome.AllocatedBytes, Is.GreaterThanOrEqualTo(64L * 1024 * 1024));
    }

    [Test]
    public void APropertyCheckFailsOnAFailingSeedAndSavesItsInput()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"certify-fuzz-tests-{Guid.NewGuid():N}");
        try
        {
            var store = new FailureStore(folder);
            var runner = new CaseRunner(new MisbehavingTarget(), TimeSpan.FromSeconds(5));
            var e = Assert.Throws<FuzzFailureException>(() => PropertyCheck.Holds(runner, [new Seed("/seeds/crash.bin", "c"u8.ToArray())], store, 10))!;
            var saved = Directory.GetFiles(folder, "misbehaving-crash-*--crash.bin");
            Assert.That(saved, Has.Length.EqualTo(1), e.Message);
            Assert.That(e.Message, Does.Contain(saved[0]));
            Assert.That(File.ReadAllBytes(saved[0]), Is.EqualTo("c"u8.ToArray()));
            Assert.That(File.ReadAllText(saved[0] + ".txt"), Does.Contain("--replay " + saved[0]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void AnInputLeftInFlightByADeadProcessIsSavedAsDied()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"certify-fuzz-tests-{Guid.NewGuid():N}");
        try
        {
            var target = new MisbehavingTarget();
            new FailureStore(folder).MarkInFlight(target, "x"u8.ToArray(), Origin);
            var saved = new FailureStore(folder).RescueInFlight(target);
            Assert.That(Path.GetFileName(saved), Does.StartWith("misbehaving-died-").And.EndWith("--origin.bin"));
            Assert.That(File.Exists(Path.Combine(folder, "in-flight-misbehaving")), Is.False);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
