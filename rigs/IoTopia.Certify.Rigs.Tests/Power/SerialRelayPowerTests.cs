using System.IO.Ports;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Power;

/// <summary>A relay board on a serial port, played by the other end of a socat pair.</summary>
[TestFixture]
public sealed class SerialRelayPowerTests
{
    [Test]
    public async Task WritesExactlyTheConfiguredBytes()
    {
        Socat.Require();
        await using var host = StepHost.Create(new BenchRig("power"), RigSteps.Registry);
        var pair = await Socat.StartAsync(host.Run, host.Folder.Rig);
        var (relay, board) = (pair.HarnessEnd, pair.DeviceEnd);
        using var port = new SerialPort(board, 9600) { Handshake = Handshake.None };
        port.Open();
        var received = new List<byte>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[256];
            try
            {
                while (true)
                {
                    var n = await port.BaseStream.ReadAsync(buffer, stop.Token);
                    lock (received)
                        received.AddRange(buffer.AsSpan(0, n));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
            {
            }
        });
        int Count()
        {
            lock (received)
                return received.Count;
        }

        var power = new SerialRelayPower(new SerialRelayPowerOptions { Port = relay, On = "A0 01 01 A2", Off = "0xA0,0x01,0x00,0xA1" }, host.Run.Journal);
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Unknown));
        await power.OnAsync(CancellationToken.None);
        await Poll.UntilAsync(() => Count() >= 4, TimeSpan.FromSeconds(5), "the on sequence");
        await power.OffAsync(CancellationToken.None);
        await Poll.UntilAsync(() => Count() >= 8, TimeSpan.FromSeconds(5), "the off sequence");
        Assert.That(await Poll.StaysFalseAsync(() => Count() > 8, TimeSpan.FromMilliseconds(300)), Is.True, "nothing else is written");

        await stop.CancelAsync();
        port.Close();
        await reader.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(received, Is.EqualTo(new byte[] { 0xA0, 0x01, 0x01, 0xA2, 0xA0, 0x01, 0x00, 0xA1 }));
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));
    }

    [Test]
    public void BadHexAndAMissingPortAreNamed()
    {
        Assert.That(() => HexBytes.Parse("A0 0G", "on"), Throws.InstanceOf<FormatException>().With.Message.EqualTo("on: '0G' is not hex"));
        Assert.That(() => HexBytes.Parse("A01", "on"), Throws.InstanceOf<FormatException>().With.Message.Contains("not whole bytes"));
        Assert.That(HexBytes.Parse("a00101a2", "on"), Is.EqualTo(new byte[] { 0xA0, 0x01, 0x01, 0xA2 }));
        var missing = "/dev/serial/by-id/no-such-relay";
        var power = new SerialRelayPower(new SerialRelayPowerOptions { Port = missing, On = "01", Off = "00" });
        Assert.That(async () => await power.OnAsync(CancellationToken.None),
            Throws.InstanceOf<IOException>().With.Message.EqualTo($"no such serial port: {missing}"));
    }
}
