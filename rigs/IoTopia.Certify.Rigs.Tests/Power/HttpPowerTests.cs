using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Harness.Testing;
using IoTopia.Certify.Harness.Verdicts;
using IoTopia.Certify.Rigs.Power;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Tests.DeviceBench;

namespace IoTopia.Certify.Rigs.Tests.Power;

/// <summary>
/// The HTTP power backend against a Tasmota-style relay played by a small HTTP server on 127.0.0.1 (real
/// sockets, real HTTP/1.1): on, off and status, and each way it fails — refused, no answer, a 500, a body that
/// does not say what was asked — as an error naming the URL, never a hang.
/// </summary>
[TestFixture]
public sealed class HttpPowerTests
{
    private static HttpPower.Options Tasmota(int port, TimeSpan? timeout = null) => new()
    {
        On = $"http://127.0.0.1:{port}/cm?cmnd=Power%20On&user=admin&password=s3cret",
        Off = $"http://127.0.0.1:{port}/cm?cmnd=Power%20Off&user=admin&password=s3cret",
        Status = $"http://127.0.0.1:{port}/cm?cmnd=Power&user=admin&password=s3cret",
        OnResponse = "\"POWER\":\"ON\"",
        OffResponse = "\"POWER\":\"OFF\"",
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
    };

    [Test]
    public async Task OnOffAndStatusAreRequestsToTheRelay()
    {
        await using var relay = TasmotaRelay.Start();
        var rig = new BenchRig("power");
        await using var host = StepHost.Create(rig, RigSteps.Registry);
        await using var power = new HttpPower(Tasmota(relay.Port), host.Run.Journal);
        rig.Power = power;

        Assert.That((await host.RunStepAsync("power.on", new NoArguments())).Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(relay.State, Is.EqualTo("ON"));
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
        Assert.That((await host.RunStepAsync("power.off", new NoArguments())).Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(relay.State, Is.EqualTo("OFF"));
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));

        Assert.That(relay.Requests.Select(r => r.Split('&')[0]), Is.EqualTo(new[]
        {
            // each step reads the status after its switch (PowerStatusTests), then the test reads it once more
            "GET /cm?cmnd=Power%20On", "GET /cm?cmnd=Power", "GET /cm?cmnd=Power", "GET /cm?cmnd=Power%20Off", "GET /cm?cmnd=Power", "GET /cm?cmnd=Power",
        }));
        var notes = host.Events.OfType<Note>().Select(n => n.Text).ToList();
        Assert.That(notes, Has.Some.Contains($"power on: GET http://127.0.0.1:{relay.Port}/cm?cmnd=Power%20On&user=admin&password=*** answered 200"));
        Assert.That(File.ReadAllText(host.Folder.Journal), Does.Not.Contain("s3cret"), "the relay's password never reaches the journal");
    }

    [Test]
    public async Task WithoutAStatusUrlTheStateIsUnknownAndPostIsSent()
    {
        await using var relay = TasmotaRelay.Start();
        await using var power = new HttpPower(new HttpPower.Options
        {
            On = $"http://127.0.0.1:{relay.Port}/relay/0?turn=on",
            Off = $"http://127.0.0.1:{relay.Port}/relay/0?turn=off",
            Method = HttpPower.RequestMethod.Post,
        });
        await power.OnAsync(CancellationToken.None);
        Assert.That(relay.Requests, Is.EqualTo(new[] { "POST /relay/0?turn=on" }));
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Unknown));
    }

    [Test]
    public async Task ARefusedConnectionIsAnErrorNamingTheUrl()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now: the kernel answers RST

        await using var power = new HttpPower(Tasmota(port));
        var e = Assert.ThrowsAsync<IOException>(() => power.OnAsync(CancellationToken.None))!;
        Assert.That(e.Message, Does.StartWith($"power on: GET http://127.0.0.1:{port}/cm?cmnd=Power%20On").And.Contain("refused").And.Not.Contain("s3cret"));
    }

    [Test]
    public async Task ARelayThatNeverAnswersIsATimeoutWithinTheDeadline()
    {
        await using var relay = TasmotaRelay.Start(TasmotaRelay.Behaviour.Silent);
        await using var power = new HttpPower(Tasmota(relay.Port, TimeSpan.FromMilliseconds(400)));
        var clock = Stopwatch.StartNew();
        var e = Assert.ThrowsAsync<TimeoutException>(() => power.OffAsync(CancellationToken.None))!;
        Assert.That(e.Message, Does.Contain("power off: GET").And.Contain("did not answer within 400ms"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(relay.Requests, Has.Count.EqualTo(1), "the request reached the relay, which kept silent");
    }

    [Test]
    public async Task AStatusOtherThan2xxIsAnErrorWithWhatCameBack()
    {
        await using var relay = TasmotaRelay.Start(TasmotaRelay.Behaviour.Fails);
        var rig = new BenchRig("power");
        await using var host = StepHost.Create(rig, RigSteps.Registry);
        await using var power = new HttpPower(Tasmota(relay.Port));
        rig.Power = power;
        var on = await host.RunStepAsync("power.on", new NoArguments());
        Assert.That(on.Verdict, Is.EqualTo(Verdict.Error), "a relay that fails is the lab's fault");
        Assert.That(on.Reason, Does.Contain("answered 500 Internal Server Error").And.Contain("relay fault"));
        var status = Assert.ThrowsAsync<IOException>(() => power.GetStateAsync(CancellationToken.None))!;
        Assert.That(status.Message, Does.StartWith("power status: GET").And.Contain("answered 500"));
    }

    [Test]
    public async Task ABodyThatDoesNotSayWhatWasAskedIsAnError()
    {
        await using var relay = TasmotaRelay.Start(TasmotaRelay.Behaviour.Confused);
        await using var power = new HttpPower(Tasmota(relay.Port));
        var e = Assert.ThrowsAsync<IOException>(() => power.OnAsync(CancellationToken.None))!;
        Assert.That(e.Message, Does.Contain("answered 200 but not /\"POWER\":\"ON\"/").And.Contain("Unknown command"));
    }

    [Test]
    public void ABenchRigFileSelectsItByKindAndItsOptionsAreCheckedAtTheirLine()
    {
        var folder = Directory.CreateTempSubdirectory("http-power-rig-").FullName;
        try
        {
            var kinds = new RigKinds().Add(new Rigs.Bench.BenchRigKind());
            var good = Path.Combine(folder, "good.yaml");
            File.WriteAllText(good, """
                name: pdu-bench
                kind: bench
                capabilities: [power]
                drivers:
                  power:
                    kind: http
                    on: http://pdu.bench/cm?cmnd=Power%20On&password=s3cret
                    off: http://pdu.bench/cm?cmnd=Power%20Off&password=s3cret
                    timeout: 2s
                """);
            var rig = RigLoader.Load(good, kinds);
            Assert.That(rig.Capabilities, Is.EqualTo(new[] { "power" }));
            Assert.That(rig.Bindings.Single().Driver, Is.EqualTo(typeof(HttpPower)));
            Assert.That(rig.Bindings.Single().Resource, Is.EqualTo("http://pdu.bench/cm?cmnd=Power%20On&password=***"));

            var bad = Path.Combine(folder, "bad.yaml");
            File.WriteAllText(bad, """
                name: pdu-bench
                kind: bench
                drivers:
                  power:
                    kind: http
                    on: ftp://pdu.bench/on
                    off: http://pdu.bench/off
                    status-on: '(unclosed'
                    tiemout: 2s
                  restore:
                    kind: teleport
                """);
            var e = Assert.Throws<InputException>(() => RigLoader.Load(bad, kinds))!;
            Assert.That(e.Message, Does.Contain($"{bad}:9:5: drivers.power.tiemout: unknown argument"));
            Assert.That(e.Message, Does.Contain($"{bad}:11:5: drivers.restore.kind: 'teleport' is not a restore backend; one of board-disks, command, operator"));

            File.WriteAllText(bad, File.ReadAllText(bad).Replace("    tiemout: 2s\n", "").Replace("  restore:\n    kind: teleport\n", ""));
            e = Assert.Throws<InputException>(() => RigLoader.Load(bad, kinds))!;
            Assert.That(e.Message, Does.Contain($"{bad}:5:5: drivers.power: on: 'ftp://pdu.bench/on' is not an http:// or https:// URL").And.Contain("status-on"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A Tasmota-style relay: <c>GET /cm?cmnd=Power%20On|Power%20Off|Power</c> answers <c>{"POWER":"ON"|"OFF"}</c>; one request per connection.</summary>
    private sealed class TasmotaRelay : IAsyncDisposable
    {
        public enum Behaviour
        {
            Relay,
            Silent,
            Fails,
            Confused,
        }

        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _requests = [];
        private readonly Behaviour _behaviour;
        private Task _accepting = Task.CompletedTask;

        private TasmotaRelay(Behaviour behaviour) => _behaviour = behaviour;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public string State { get; private set; } = "OFF";

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                    return [.. _requests];
            }
        }

        public static TasmotaRelay Start(Behaviour behaviour = Behaviour.Relay)
        {
            var relay = new TasmotaRelay(behaviour);
            relay._listener.Start();
            relay._accepting = relay.AcceptAsync();
            return relay;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting.WaitAsync(TimeSpan.FromSeconds(5));
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            var connections = new List<Task>();
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    connections.Add(ServeAsync(client));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // stopped
            }
            await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(5));
        }

        private async Task ServeAsync(TcpClient client)
        {
            using var _ = client;
            var stream = client.GetStream();
            try
            {
                var head = await ReadHeadAsync(stream);
                var line = head.Split("\r\n")[0];
                var target = line.Split(' ') is [var method, var path, ..] ? $"{method} {path}" : line;
                lock (_requests)
                    _requests.Add(target);
                switch (_behaviour)
                {
                    case Behaviour.Silent:
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        return;
                    case Behaviour.Fails:
                        await AnswerAsync(stream, "500 Internal Server Error", "{\"error\":\"relay fault\"}");
                        return;
                    case Behaviour.Confused:
                        await AnswerAsync(stream, "200 OK", "{\"Command\":\"Unknown command\"}");
                        return;
                }
                var command = target.Contains("cmnd=Power%20On", StringComparison.Ordinal) ? "ON"
                    : target.Contains("cmnd=Power%20Off", StringComparison.Ordinal) ? "OFF"
                    : target.Contains("turn=on", StringComparison.Ordinal) ? "ON"
                    : null;
                State = command ?? State;
                await AnswerAsync(stream, "200 OK", $"{{\"POWER\":\"{State}\"}}");
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // the client went away or the relay stopped
            }
        }

        private async Task<string> ReadHeadAsync(NetworkStream stream)
        {
            var head = new StringBuilder();
            var buffer = new byte[1024];
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16 * 1024)
            {
                var n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                    break;
                head.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            return head.ToString();
        }

        private async Task AnswerAsync(NetworkStream stream, string status, string body)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var head = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            await stream.WriteAsync(bytes, _stop.Token);
        }
    }
}
