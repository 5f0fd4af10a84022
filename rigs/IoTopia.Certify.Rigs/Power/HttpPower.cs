using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Backends;
using IoTopia.Certify.Rigs.Protocols;
using IoTopia.Certify.Rigs.Serial;

namespace IoTopia.Certify.Rigs.Power;

/// <summary>
/// Power through a network PDU or relay that switches on an HTTP request: Tasmota
/// (<c>GET /cm?cmnd=Power%20On</c>), Shelly (<c>GET /relay/0?turn=on</c>), or any device with an on, an off
/// and optionally a status URL. Each request has a deadline; a refused connection, a timeout, a status
/// other than 2xx or a body that does not say what was expected is an error naming the URL and what came
/// back. No proxy is ever used; credentials in the URL (user-info, password=) never reach the journal.
/// </summary>
[DriverBackend("power", "http", "a network PDU or relay switched by HTTP requests (Tasmota, Shelly, any on/off/status URLs)")]
public sealed partial class HttpPower : IPowerProtocol, IAsyncDisposable, IDriverBackend<HttpPower, HttpPower.Options>
{
    /// <summary>The most of a response body that is read; the rest is ignored.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public enum RequestMethod
    {
        Get,
        Post,
    }

    public sealed class Options : IValidatableArguments
    {
        /// <summary>Switches the outlet on, e.g. http://relay/cm?cmnd=Power%20On.</summary>
        public required string On { get; init; }

        public required string Off { get; init; }

        /// <summary>Reads the outlet's state; without it the state is unknown.</summary>
        public string? Status { get; init; }

        /// <summary><c>get</c> (Tasmota, Shelly) or <c>post</c> (with an empty body).</summary>
        public RequestMethod Method { get; init; } = RequestMethod.Get;

        /// <summary>A regex the body of the on request must match (e.g. <c>"POWER":"ON"</c>); none: any 2xx.</summary>
        public string? OnResponse { get; init; }

        public string? OffResponse { get; init; }

        /// <summary>Matched against the status body: on, and off (Tasmota answers <c>{"POWER":"ON"}</c>).</summary>
        public string StatusOn { get; init; } = @"(?i)\bon\b";

        public string StatusOff { get; init; } = @"(?i)\boff\b";

        /// <summary>How long the status may take to show a switch: it is read until it does or this passes.</summary>
        public TimeSpan StatusWithin { get; init; } = TimeSpan.FromSeconds(10);

        /// <summary>Deadline of each request, connection included.</summary>
        public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

        public IEnumerable<string> Validate()
        {
            foreach (var (key, url) in new[] { ("on", On), ("off", Off), ("status", Status) })
            {
                if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                    yield return $"{key}: '{Redact(url)}' is not an http:// or https:// URL";
            }
            foreach (var (key, pattern) in new[] { ("on-response", OnResponse), ("off-response", OffResponse), ("status-on", StatusOn), ("status-off", StatusOff) })
            {
                if (pattern is not null && SerialPatterns.Problem(pattern, key) is { } problem)
                    yield return problem;
            }
            if (Timeout <= TimeSpan.Zero)
                yield return "timeout: must be more than 0";
            if (StatusWithin <= TimeSpan.Zero)
                yield return "status-within: must be more than 0";
        }
    }

    private readonly Options _options;
    private readonly Journal? _journal;
    private readonly HttpClient _client;
    private readonly Regex _statusOn;
    private readonly Regex _statusOff;

    public HttpPower(Options options, Journal? journal = null)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
            throw new ArgumentException("http power: " + string.Join("; ", problems), nameof(options));
        _options = options;
        _journal = journal;
        _statusOn = SerialPatterns.Build(options.StatusOn);
        _statusOff = SerialPatterns.Build(options.StatusOff);
        _client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan, // each request has its own deadline
        };
    }

    public static HttpPower Create(Options options, BackendContext context) => new(options, context.Run.Journal);

    public static string Resource(Options options) => Redact(options.On);

    public Task OnAsync(CancellationToken ct) => SwitchAsync("power on", _options.On, _options.OnResponse, ct);

    public Task OffAsync(CancellationToken ct) => SwitchAsync("power off", _options.Off, _options.OffResponse, ct);

    public async Task<PowerState> GetStateAsync(CancellationToken ct) => (await ReadStateAsync(ct)).State;

    public async Task<PowerReading> ReadStateAsync(CancellationToken ct)
    {
        if (_options.Status is null)
            return PowerReading.Unreadable("drivers.power gives no status URL");
        var (_, body) = await RequestAsync("power status", _options.Status, ct);
        var on = _statusOn.IsMatch(body);
        var off = _statusOff.IsMatch(body);
        return new PowerReading(on == off ? PowerState.Unknown : on ? PowerState.On : PowerState.Off, body);
    }

    public TimeSpan StatusWithin => _options.StatusWithin;

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task SwitchAsync(string label, string url, string? expected, CancellationToken ct)
    {
        var (status, body) = await RequestAsync(label, url, ct);
        if (expected is not null && !SerialPatterns.Build(expected).IsMatch(body))
            throw new IOException($"{label}: {Verb} {Redact(url)} answered {status} but not /{expected}/: '{DeviceText.Clip(body, 200)}'");
        _journal?.Append(new Note
        {
            Text = $"{label}: {Verb} {Redact(url)} answered {status}",
            Data = new JsonObject { ["url"] = Redact(url), ["status"] = status, ["body"] = DeviceText.Clip(body, 300) },
        });
    }

    private string Verb => _options.Method == RequestMethod.Post ? "POST" : "GET";

    private async Task<(int Status, string Body)> RequestAsync(string label, string url, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(_options.Method == RequestMethod.Post ? HttpMethod.Post : HttpMethod.Get, url);
            if (_options.Method == RequestMethod.Post)
                request.Content = new ByteArrayContent([]);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await ReadLimitedAsync(response, deadline.Token);
            var status = (int)response.StatusCode;
            if (status is < 200 or > 299)
                throw new IOException($"{label}: {Verb} {Redact(url)} answered {status} {DeviceText.Clip(response.ReasonPhrase ?? "", 80)}: '{DeviceText.Clip(body, 200)}'");
            return (status, body);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{label}: {Verb} {Redact(url)} did not answer within {Duration.Format(_options.Timeout)}");
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"{label}: {Verb} {Redact(url)} failed: {e.Message}{(e.InnerException is { } inner ? $" ({inner.Message})" : "")}", e);
        }
    }

    private static async Task<string> ReadLimitedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxBodyBytes];
        var length = 0;
        int n;
        while (length < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            length += n;
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>The URL without its user-info and with password-like query values masked: what the journal and errors show.</summary>
    public static string Redact(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return DeviceText.Clip(SecretQuery().Replace(url, "$1=***"), 200);
        var builder = new UriBuilder(uri) { UserName = "", Password = "" };
        var text = builder.Uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped);
        return SecretQuery().Replace(text, "$1=***");
    }

    [GeneratedRegex(@"(?i)\b(password|passwd|pass|token|key)=[^&]*", RegexOptions.NonBacktracking)]
    private static partial Regex SecretQuery();
}
