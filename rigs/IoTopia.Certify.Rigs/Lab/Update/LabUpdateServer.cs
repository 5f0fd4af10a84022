using System.Diagnostics;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Protocols;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>
/// The lab update server: plays the vendor's update server through the lab HTTPS host (routes for the host and
/// paths a scenario offers at, so TLS with the test PKI on the name's own address). Each offer is an artefact
/// served with a transport behaviour (<see cref="UpdateBehaviourKind"/>) until the next offer at that path or the
/// reset; the offers of a path are kept so an earlier one can be replayed. Every response — status, declared size,
/// bytes sent and their SHA-256, duration, how it ended — is a line of <c>evidence/_run/NNN-update.jsonl</c>.
/// Every response has a deadline; an endless one a cap; past <see cref="LabUpdateOptions.MaxConcurrentResponses"/> a
/// request gets 503. Start it after the HTTPS host.
/// </summary>
public sealed class LabUpdateServer(ILabHttps https, LabUpdateOptions? options = null) : ILabUpdateServer, IResettableLabService
{
    private readonly LabUpdateOptions _options = options ?? new LabUpdateOptions();
    private readonly Dictionary<string, PathOffers> _paths = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private UpdateResponder? _responder;
    private CancellationTokenSource _scenario = new();
    private JsonLinesLog? _log;
    private UpdateEvidence? _evidence;
    private long _scenarioStart;
    private long _scenarioNumber;
    private int _active;

    public string Name => "update";

    public string? EvidencePath => _log?.FullPath;

    /// <summary>Responses being served right now (a hang, a trickle, an endless stream a client still reads).</summary>
    public int Running => Volatile.Read(ref _active);

    public ObservationList<UpdateServed> Served { get; } = new((options ?? new LabUpdateOptions()).ObservedResponses);

    public Task StartAsync(LabContext lab, CancellationToken ct)
    {
        if (_log is not null)
            throw new InvalidOperationException("the update server is already started");
        _responder = new UpdateResponder(_options);
        _log = new JsonLinesLog(lab.Run.CreateRunEvidence("update", "jsonl", "update-log", "application/jsonl"));
        _evidence = new UpdateEvidence(_log);
        lab.Run.Journal.Append(new Note
        {
            Text = "lab service update ready: serves what scenarios offer, through the HTTPS host",
            Data = new() { ["evidence"] = _log.RelativePath },
        });
        return Task.CompletedTask;
    }

    public UpdateOffer Offer(string hostName, string path, UpdateArtefact? artefact, UpdateBehaviour behaviour)
    {
        var evidence = _evidence ?? throw new InvalidOperationException("start the update server first");
        if (!HostNames.IsValid(hostName))
            throw new ArgumentException($"host: '{hostName}' is not a host name", nameof(hostName));
        if (!IsPath(path))
            throw new ArgumentException($"path: '{path}' is not a path (it starts with '/', has no spaces or '*')", nameof(path));
        var host = HostNames.Normalize(hostName);
        var problem = behaviour.Problems(artefact?.Bytes.Length).FirstOrDefault();
        if (problem is not null)
            throw new ArgumentException(problem, nameof(behaviour));
        UpdateOffer offer;
        lock (_lock)
        {
            var key = host + path;
            _paths.TryGetValue(key, out var state);
            var history = state?.History ?? [];
            if (history.Count >= _options.MaxOffersPerPath)
                throw new ArgumentException($"{host}{path} has {history.Count} offers in this scenario, the most it keeps", nameof(path));
            offer = Make(host, path, history, artefact, behaviour);
            if (state is null)
            {
                state = new PathOffers(host, path);
                var captured = state;
                state.Route = https.Map(host, path, (request, response, ct) => ServeAsync(captured, request, response, ct));
                _paths[key] = state;
            }
            state.History.Add(offer);
        }
        evidence.Offered(offer);
        return offer;
    }

    private static UpdateOffer Make(string host, string path, List<UpdateOffer> history, UpdateArtefact? artefact, UpdateBehaviour behaviour)
    {
        if (behaviour.Kind == UpdateBehaviourKind.Replay)
        {
            if (artefact is not null)
                throw new ArgumentException("replay: serves an earlier offer's artefact; give no artefact", nameof(artefact));
            var of = behaviour.ReplayOf ?? history.Count - 1;
            if (of < 1 || of > history.Count)
                throw new ArgumentException(history.Count == 0
                    ? $"replay: nothing was offered at {host}{path} in this scenario"
                    : $"replay: {host}{path} has offers 1-{history.Count} in this scenario; {(behaviour.ReplayOf is null ? "the default is the one before the latest, and there is none" : $"there is no offer {of}")}", nameof(behaviour));
            var earlier = history[of - 1];
            return new UpdateOffer
            {
                Number = history.Count + 1, Time = DateTimeOffset.UtcNow, Host = host, Path = path,
                Artefact = earlier.Artefact, Behaviour = behaviour with { ReplayOf = of }, Bytes = earlier.Artefact.Bytes,
            };
        }
        if (artefact is null)
            throw new ArgumentException($"{UpdateBehaviourNames.Of(behaviour.Kind)}: needs an artefact", nameof(artefact));
        long? flipped = null;
        var bytes = artefact.Bytes;
        if (behaviour.Kind == UpdateBehaviourKind.BitFlip)
        {
            if (behaviour.Bit is null && behaviour.Seed is null)
                behaviour = behaviour with { Seed = Random.Shared.Next() };
            flipped = behaviour.Bit ?? new Random(behaviour.Seed!.Value).NextInt64(bytes.Length * 8L);
            var copy = bytes.ToArray();
            copy[flipped.Value / 8] ^= (byte)(0x80 >> (int)(flipped.Value % 8));
            bytes = copy;
        }
        return new UpdateOffer
        {
            Number = history.Count + 1, Time = DateTimeOffset.UtcNow, Host = host, Path = path,
            Artefact = artefact, Behaviour = behaviour, FlippedBit = flipped, Bytes = bytes,
        };
    }

    public IReadOnlyList<UpdateOffer> History(string hostName, string path)
    {
        lock (_lock)
            return HostNames.IsValid(hostName) && _paths.TryGetValue(HostNames.Normalize(hostName) + path, out var state) ? [.. state.History] : [];
    }

    public IReadOnlyList<UpdateServed> ServedSinceReset()
    {
        var number = Interlocked.Read(ref _scenarioNumber);
        return [.. Served.Since(Interlocked.Read(ref _scenarioStart)).Where(s => s.Scenario == number)];
    }

    /// <summary>Forgets the scenario's offers (their routes go), and cuts the responses still running (a hang, a trickle).</summary>
    public void Reset()
    {
        List<PathOffers> removed;
        CancellationTokenSource old;
        lock (_lock)
        {
            removed = [.. _paths.Values];
            _paths.Clear();
            old = _scenario;
            _scenario = new CancellationTokenSource();
            Interlocked.Exchange(ref _scenarioStart, Served.Count);
            Interlocked.Increment(ref _scenarioNumber);
        }
        foreach (var state in removed)
            state.Route?.Dispose();
        var running = Volatile.Read(ref _active);
        old.Cancel();
        if (removed.Count > 0 || running > 0)
            _evidence?.Reset([.. removed.Select(s => s.Host + s.Path)], running);
    }

    private async Task ServeAsync(PathOffers state, LabHttpRequest request, HttpResponse response, CancellationToken hostCt)
    {
        var clock = Stopwatch.StartNew();
        UpdateOffer? offer;
        CancellationToken scenario;
        long scenarioNumber;
        lock (_lock)
        {
            offer = state.Current;
            scenario = _scenario.Token;
            scenarioNumber = Interlocked.Read(ref _scenarioNumber);
        }
        var served = new UpdateServed
        {
            Time = request.Time, Scenario = scenarioNumber, Client = request.Client, Sni = request.Sni, Host = request.HostName, Path = request.Path, Method = request.Method,
            Offer = offer?.Number, Label = offer?.Artefact.Label, Behaviour = offer?.Behaviour.Kind, ReplayOf = offer?.Behaviour.ReplayOf,
            FlippedBit = offer?.FlippedBit, Status = 0, BytesSent = 0, Sha256Sent = "", Duration = TimeSpan.Zero, Ending = UpdateEnding.Complete,
        };
        using var sent = new ServedBytes(response.Body, clock);
        var running = Interlocked.Increment(ref _active);
        try
        {
            if (offer is null || request.Method is not ("GET" or "HEAD") || running > _options.MaxConcurrentResponses)
            {
                var (status, note) = offer is null ? (StatusCodes.Status404NotFound, "no offer")
                    : running > _options.MaxConcurrentResponses ? (StatusCodes.Status503ServiceUnavailable, $"over the service's {_options.MaxConcurrentResponses} responses at once")
                    : (StatusCodes.Status405MethodNotAllowed, "only GET and HEAD");
                response.StatusCode = status;
                response.ContentLength = 0;
                served = served with { Note = note };
                return;
            }
            DisableMinimumRate(response.HttpContext);
            using var offerDeadline = new CancellationTokenSource(offer.Behaviour.Deadline);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(hostCt, scenario, offerDeadline.Token);
            try
            {
                var (ending, note) = await _responder!.SendAsync(offer, response, sent, clock, request.Method == "HEAD", deadline.Token);
                served = served with { Ending = ending, Note = note };
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
            {
                // our own cancellations first: Kestrel aborts the request when a write is cancelled, so RequestAborted alone does not say who left
                var clientGone = response.HttpContext.RequestAborted.IsCancellationRequested;
                var (ending, note) = scenario.IsCancellationRequested ? (UpdateEnding.ResetByService, "the scenario ended (reset)")
                    : offerDeadline.IsCancellationRequested ? (UpdateEnding.CutByDeadline, $"the offer's deadline of {offer.Behaviour.Deadline.TotalSeconds:0.###} s")
                    : clientGone ? (UpdateEnding.ClientClosed, null)
                    : hostCt.IsCancellationRequested ? (UpdateEnding.CutByDeadline, "the HTTPS host's request deadline")
                    : (UpdateEnding.ResetByService, $"{e.GetType().Name}: {e.Message}");
                served = served with { Ending = ending, Note = note };
                if (!clientGone)
                    response.HttpContext.Abort();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _active);
            var duration = clock.Elapsed;
            served = served with
            {
                // a hang cut before it answered sent no status at all
                Status = served.Ending != UpdateEnding.Complete && !response.HasStarted ? 0 : response.StatusCode,
                DeclaredSize = response.ContentLength ?? (offer?.Behaviour.Kind == UpdateBehaviourKind.Endless ? offer.Bytes.Length : null),
                BytesSent = sent.Count,
                Sha256Sent = sent.Sha256(),
                Duration = duration,
                LastWriteAfter = sent.LastWriteAfter,
                BytesPerSecond = offer?.Behaviour.Kind == UpdateBehaviourKind.Trickle && duration > TimeSpan.Zero ? sent.Count / duration.TotalSeconds : null,
            };
            _evidence?.Served(served);
            Served.Add(served);
        }
    }

    /// <summary>Kestrel would cut a trickle or a stalled endless response below its minimum rate; this service's own deadline bounds them instead.</summary>
    private static void DisableMinimumRate(HttpContext context)
    {
        if (context.Features.Get<IHttpMinResponseDataRateFeature>() is { } rate)
        {
            try
            {
                rate.MinDataRate = null;
            }
            catch (NotSupportedException)
            {
                // HTTP/2 has no per-request minimum rate
            }
        }
    }

    private static bool IsPath(string path) =>
        path.StartsWith('/') && !path.Any(c => c <= ' ' || c == '\u007f' || c == '*');

    public ValueTask DisposeAsync()
    {
        List<PathOffers> removed;
        lock (_lock)
        {
            removed = [.. _paths.Values];
            _paths.Clear();
        }
        foreach (var state in removed)
            state.Route?.Dispose();
        _scenario.Cancel();
        _scenario.Dispose();
        _log?.Dispose();
        return ValueTask.CompletedTask;
    }
}
