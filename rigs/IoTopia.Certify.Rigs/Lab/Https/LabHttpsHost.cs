using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Protocols;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>
/// The lab's HTTPS host for cloud-like endpoints (Kestrel, its own logging off): listens on the lab
/// address and every name address of the plan at the HTTPS port, presents a certificate from the test
/// PKI per SNI name, asks for (never requires) a client certificate, and answers through routes
/// (<see cref="Map"/>) — by default 200 with a small JSON body to GET and POST; a scenario may answer a host
/// and path with a canned response of its own (<see cref="Respond"/>) until <see cref="Reset"/>. Every request is a line
/// of <c>evidence/_run/NNN-https.jsonl</c> and an <see cref="HttpsExchange"/>; so is every connection that ended
/// without a request (failed TLS handshake, or a client that refused the certificate).
/// </summary>
public sealed class LabHttpsHost(LabHttpsOptions? options = null) : IResettableLabService, ILabHttps
{
    private const string TlsDone = "lab.tls-done";
    private const string SniSeen = "lab.sni";
    private const string RequestCount = "lab.requests";
    private static readonly byte[] DefaultBody = Encoding.UTF8.GetBytes("{\"status\":\"ok\"}");

    private readonly LabHttpsOptions _options = options ?? new LabHttpsOptions();
    private readonly LabHttpRoutes _routes = new();
    private readonly List<(IDisposable Registration, string Name)> _scenarioRoutes = [];
    private readonly Lock _scenarioLock = new();
    private WebApplication? _app;
    private ServerCertificates? _certificates;
    private RequestReader? _reader;
    private JsonLinesLog? _log;
    private HttpsEvidence? _evidence;

    public string Name => "https";

    public IReadOnlyList<IPEndPoint> Endpoints { get; private set; } = [];

    public string? EvidencePath => _log?.FullPath;

    /// <summary>The requests served, for steps: the last <see cref="LabHttpsOptions.ObservedRequests"/>, bodies cut to <see cref="LabHttpsOptions.ObservedBodyBytes"/>.</summary>
    public ObservationList<HttpsExchange> Requests { get; } = new((options ?? new LabHttpsOptions()).ObservedRequests);

    /// <summary>Routes <paramref name="path"/> on <paramref name="hostName"/> ("*": any) to <paramref name="handler"/>; dispose the result to remove it.</summary>
    public IDisposable Map(string hostName, string path, LabHttpHandler handler) => _routes.Map(hostName, path, handler);

    /// <summary>Presents <paramref name="certificate"/> (with its key) for <paramref name="hostName"/> until <see cref="Reset"/>.</summary>
    public void UseCertificate(string hostName, X509Certificate2 certificate) =>
        (_certificates ?? throw new InvalidOperationException("start the host first")).Override(hostName, certificate);

    /// <summary>
    /// Answers <paramref name="path"/> (a trailing "/*": everything under it) on <paramref name="hostName"/>
    /// ("*": any) with <paramref name="response"/> until <see cref="Reset"/>, over any route a service
    /// mapped; a line of the log says so. Returns the route's name as requests are logged with it.
    /// </summary>
    public string Respond(string hostName, string path, LabCannedResponse response)
    {
        var name = $"scenario {hostName}{path}";
        var registration = _routes.Map(hostName, path, response.WriteAsync, name);
        lock (_scenarioLock)
            _scenarioRoutes.Add((registration, name));
        _evidence?.Configured(name, hostName, path, response);
        return name;
    }

    /// <summary>
    /// Back to the run's defaults: the PKI's certificates, and no scenario responses (a line of the log
    /// says which were removed). Routes services mapped are removed by disposing their registrations.
    /// </summary>
    public void Reset()
    {
        _certificates?.ResetOverrides();
        List<(IDisposable Registration, string Name)> removed;
        lock (_scenarioLock)
        {
            removed = [.. _scenarioRoutes];
            _scenarioRoutes.Clear();
        }
        foreach (var (registration, _) in removed)
            registration.Dispose();
        if (removed.Count > 0)
            _evidence?.Reset([.. removed.Select(r => r.Name)]);
    }

    /// <summary>The first request for <paramref name="hostName"/> and <paramref name="path"/> at index ≥ <paramref name="from"/>.</summary>
    public Task<HttpsExchange> WaitForRequestAsync(string hostName, string path, long from, CancellationToken ct) =>
        Requests.WaitForAsync(e => string.Equals(e.Request.HostName, hostName.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)
            && e.Request.Path == path, from, ct);

    public async Task StartAsync(LabContext lab, CancellationToken ct)
    {
        if (_app is not null)
            throw new InvalidOperationException("the HTTPS host is already started");
        var addresses = new List<IPAddress> { lab.Addresses.Lab };
        if (_options.ListenOnNameAddresses)
            addresses.AddRange(lab.Addresses.NameAddresses);
        Endpoints = [.. addresses.Select(a => new IPEndPoint(a, lab.Addresses.HttpsPort))];
        _certificates = new ServerCertificates(lab.Pki);
        _reader = new RequestReader(_options, lab.Addresses, lab.Pki);
        _log = new JsonLinesLog(lab.Run.CreateRunEvidence("https", "jsonl", "https-log", "application/jsonl"));
        _evidence = new HttpsEvidence(_log, _options.SavedBodyBytes);
        var app = Build(lab.Pki);
        app.Run(ServeAsync);
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new LabServiceException(Name, $"cannot listen on port {lab.Addresses.HttpsPort}/tcp of {lab.Addresses.Subnet}: {e.Message}", e);
        }
        _app = app;
        lab.Run.Journal.Append(new Note
        {
            Text = $"lab service https listening on {lab.Addresses.Lab}:{lab.Addresses.HttpsPort}/tcp and {Endpoints.Count - 1} name addresses",
            Data = new() { ["evidence"] = _log.RelativePath },
        });
    }

    private WebApplication Build(TestPki pki)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
            var limits = kestrel.Limits;
            limits.MaxRequestBodySize = _options.MaxRequestBodyBytes;
            limits.MaxRequestHeadersTotalSize = _options.MaxRequestHeadersTotalBytes;
            limits.MaxRequestHeaderCount = _options.MaxRequestHeaderCount;
            limits.MaxRequestLineSize = 8 * 1024;
            limits.RequestHeadersTimeout = _options.HeadersTimeout;
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            limits.MaxConcurrentConnections = 512;
            foreach (var endpoint in Endpoints)
                kestrel.Listen(endpoint, listen => ConfigureListener(listen, pki));
        });
        return builder.Build();
    }

    private void ConfigureListener(ListenOptions listen, TestPki pki)
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.Use(next => async connection =>
        {
            var requests = new ConnectionRequests();
            connection.Items[RequestCount] = requests;
            try
            {
                await next(connection);
            }
            finally
            {
                if (requests.Count == 0)
                    _evidence?.ConnectionWithoutRequest(connection, connection.Items.ContainsKey(TlsDone), connection.Items.TryGetValue(SniSeen, out var sni) ? sni as string : null);
            }
        });
        listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            HandshakeTimeout = _options.HandshakeTimeout,
            OnConnection = context => ValueTask.FromResult(TlsOptions(context, pki)),
        });
        listen.Use(next => connection =>
        {
            connection.Items[TlsDone] = true;
            return next(connection);
        });
    }

    private SslServerAuthenticationOptions TlsOptions(TlsHandshakeCallbackContext context, TestPki pki)
    {
        var sni = context.ClientHelloInfo.ServerName;
        context.Connection.Items[SniSeen] = sni;
        var local = (context.Connection.LocalEndPoint as IPEndPoint)?.Address ?? IPAddress.Loopback;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _certificates!.For(sni, local),
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
            // Ask for the device's certificate (the MUD URL channel), accept any or none: it is recorded, not enforced.
            ClientCertificateRequired = true,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = pki.CreateChainPolicy(),
        };
    }

    private async Task ServeAsync(HttpContext context)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(_options.RequestTimeout);
        var ct = deadline.Token;
        if (context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(RequestCount, out var counter) == true)
            (counter as ConnectionRequests)?.Increment();
        var (request, bodyProblem) = await _reader!.ReadAsync(context, ct);
        var problem = bodyProblem?.Reason;
        var route = "default";
        try
        {
            if (bodyProblem is not null)
                context.Response.StatusCode = bodyProblem.Status;
            else if (_routes.Find(request.HostName, request.Path) is { } found)
            {
                route = found.Name;
                await found.Handler(request, context.Response, ct);
            }
            else
                await DefaultAsync(request, context.Response, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            problem = $"handler {route} failed: {e.GetType().Name}: {e.Message}";
            if (!context.Response.HasStarted)
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
        finally
        {
            var exchange = new HttpsExchange(request, route, context.Response.StatusCode, problem);
            _evidence?.Request(exchange);
            var kept = request.Body.Length > _options.ObservedBodyBytes ? request with { Body = request.Body[.._options.ObservedBodyBytes] } : request;
            Requests.Add(exchange with { Request = kept });
        }
    }

    private static async Task DefaultAsync(LabHttpRequest request, HttpResponse response, CancellationToken ct)
    {
        if (request.Method is not ("GET" or "POST"))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = DefaultBody.Length;
        await response.Body.WriteAsync(DefaultBody, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var deadline = new CancellationTokenSource(_options.StopTimeout);
            try
            {
                await _app.StopAsync(deadline.Token);
            }
            finally
            {
                await _app.DisposeAsync();
                _app = null;
            }
        }
        _certificates?.Dispose();
        _log?.Dispose();
    }
}
