using System.IO.Ports;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Rigs.Serial;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Serial;

/// <summary>The serial line vanishing under a running console (a USB adapter at power-off), simulated by killing socat.</summary>
[TestFixture]
public sealed class SerialReconnectTests
{
    [Test]
    public async Task TheConsoleReconnectsWhenThePortComesBackAndJournalsTheGap()
    {
        Socat.Require();
        await using var host = StepHost.Create(new BenchRig("serial"), RigSteps.Registry);
        var socat = await Socat.StartAsync(host.Run, host.Folder.Rig);
        var (lab, dut) = (socat.HarnessEnd, socat.DeviceEnd);
        var console = SerialConsole.Open(host.Run, new SerialConsoleOptions { Path = lab });
        try
        {
            await WriteFromDeviceEndAsync(dut, "before the gap\r\n"u8.ToArray());
            await Poll.UntilAsync(() => console.Log.Length == 16, TimeSpan.FromSeconds(5), "bytes before the gap");

            await socat.Process.DisposeAsync(); // SIGKILL: the ptys go, their links stay behind dangling
            await Poll.UntilAsync(() => !console.IsConnected, TimeSpan.FromSeconds(5), "the console noticing the loss");
            Assert.That(async () => await console.SendAsync("x"u8.ToArray(), CancellationToken.None),
                Throws.InstanceOf<IOException>().With.Message.Contains("is gone"));

            await Socat.StartAsync(host.Run, host.Folder.Rig); // the same links again
            await Poll.UntilAsync(() => console.IsConnected, TimeSpan.FromSeconds(10), "the console reconnecting");
            await WriteFromDeviceEndAsync(dut, "after the gap\r\n"u8.ToArray());
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var after = await console.Log.WaitForAsync(SerialPatterns.Build("after the gap"), 0, deadline.Token);

            Assert.That(after.Start, Is.EqualTo(16));
            var gap = console.Gaps.Single();
            Assert.Multiple(() =>
            {
                Assert.That(gap.Offset, Is.EqualTo(16));
                Assert.That(gap.BackAt, Is.Not.Null.And.GreaterThan(gap.LostAt));
                var notes = host.Events.OfType<Note>().Select(n => n.Text).ToList();
                Assert.That(notes, Has.Some.StartsWith($"serial port {lab} lost: "));
                Assert.That(notes, Has.Some.StartsWith($"serial port {lab} back after "));
            });
        }
        finally
        {
            await console.DisposeAsync();
        }
        var evidence = Path.Combine(host.Folder.Evidence, EvidenceStore.RunScope);
        var index = File.ReadAllLines(Directory.EnumerateFiles(evidence, "*-serial-index.tsv").Single());
        var rendered = File.ReadAllText(Directory.EnumerateFiles(evidence, "*-serial.log").Single());
        Assert.Multiple(() =>
        {
            Assert.That(index[0], Is.EqualTo("offset\tlength\treceived-utc\tevent\tdetail"));
            Assert.That(index.Select(l => l.Split('\t')[3]), Is.EqualTo(new[] { "event", "data", "gap-start", "gap-end", "data" }));
            Assert.That(index[2], Does.StartWith("16\t0\t"));
            Assert.That(rendered, Does.Contain(" before the gap\n").And.Contain("--- gap-start: serial port").And.Contain(" after the gap\n"));
            Assert.That(File.ReadAllBytes(Directory.EnumerateFiles(evidence, "*-serial.raw").Single()),
                Is.EqualTo("before the gap\r\nafter the gap\r\n"u8.ToArray()));
        });
    }

    [Test]
    public void AMissingPortFailsAtOnceNamingThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-serial-" + Guid.NewGuid().ToString("N"));
        Assert.That(() => SerialPorts.Open(missing, 115200, TimeSpan.FromSeconds(1)),
            Throws.InstanceOf<IOException>().With.Message.EqualTo($"no such serial port: {missing}"));
    }

    private static async Task WriteFromDeviceEndAsync(string path, byte[] bytes)
    {
        using var port = new SerialPort(path, 115200) { Handshake = Handshake.None, WriteTimeout = 5000 };
        port.Open();
        await port.BaseStream.WriteAsync(bytes);
        await port.BaseStream.FlushAsync();
    }
}
