using System.Net;
using System.Net.Sockets;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Capture;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Tests.Capture;

/// <summary>The test slot 127.77.210.0/24 on lo: .1 lab, .2 DUT, .3 probe; and real traffic between them.</summary>
internal static class Loopback
{
    public const string Lab = "127.77.210.1";
    public const string Dut = "127.77.210.2";
    public const string Probe = "127.77.210.3";
    public const string Other = "127.77.210.4";

    public static readonly CaptureTarget Target = new(IPAddress.Parse(Dut), IPAddress.Parse(Probe));

    public static StepRegistry Steps { get; } = new(typeof(CaptureStartStep).Assembly);

    /// <summary>A capture driver on lo, or the test is ignored when this process may not capture.</summary>
    public static LiveCapture RequireCapture(LiveCaptureOptions? options = null)
    {
        var capture = new LiveCapture("lo", Target, options);
        if (capture.Unavailable is { } why)
        {
            if (why.Contains("CAP_NET_RAW", StringComparison.Ordinal))
                Assert.Ignore("capture needs root or CAP_NET_RAW");
            Assert.Fail(why);
        }
        return capture;
    }

    public static IPEndPoint At(string address, int port) => new(IPAddress.Parse(address), port);

    /// <summary>A UDP socket bound to <paramref name="address"/>:<paramref name="port"/>: a sender, and a sink so no ICMP "port unreachable" answers.</summary>
    public static UdpClient Udp(string address, int port) => new(At(address, port));

    public static void Send(this UdpClient client, string address, int port, int count = 1, int size = 16)
    {
        var payload = new byte[size];
        for (var i = 0; i < count; i++)
            client.Send(payload, At(address, port));
    }

    /// <summary>Sends one datagram every <paramref name="interval"/> until cancelled.</summary>
    public static async Task KeepSendingAsync(this UdpClient client, string address, int port, TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
                client.Send(new byte[8], At(address, port));
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A TCP connection from <paramref name="from"/> to a listener at <paramref name="to"/>:<paramref name="port"/>, some bytes each way, closed.</summary>
    public static async Task TcpExchangeAsync(string from, string to, int port, CancellationToken ct)
    {
        using var listener = new TcpListener(At(to, port));
        listener.Start();
        using var client = new TcpClient(At(from, 0));
        await client.ConnectAsync(At(to, port), ct);
        using var accepted = await listener.AcceptTcpClientAsync(ct);
        await client.GetStream().WriteAsync("hello"u8.ToArray(), ct);
        var buffer = new byte[5];
        await accepted.GetStream().ReadExactlyAsync(buffer, ct);
        await accepted.GetStream().WriteAsync(buffer, ct);
        await client.GetStream().ReadExactlyAsync(buffer, ct);
    }
}
