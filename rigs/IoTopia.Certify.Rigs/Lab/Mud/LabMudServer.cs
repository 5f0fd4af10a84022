using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Records;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Mud.Validation;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Protocols;
using Microsoft.AspNetCore.Http;

namespace IoTopia.Certify.Rigs.Lab.Mud;

/// <summary>
/// The lab MUD file server: serves the manufacturer's MUD file as <c>application/mud+json</c> at the file's
/// own <c>mud-url</c>, and its signature as <c>application/pkcs7-signature</c> at the file's <c>mud-signature</c>,
/// through the lab HTTPS host (so over TLS with the lab's test PKI, on the address the lab resolver gives the
/// URL's host). Anything else on those hosts is 404, any method but GET 405. Every request is a line of
/// <c>evidence/_run/NNN-mud.jsonl</c>; the files served and the manufacturer's trust anchor are copied into the run.
/// Start it after the HTTPS host.
/// </summary>
public sealed class LabMudServer(ILabHttps https, ManufacturerMud publication) : ILabMud
{
    public const int MaxFileBytes = ManufacturerMudEvidence.MaxFileBytes;

    private readonly List<IDisposable> _routes = [];
    private JsonLinesLog? _log;
    private byte[] _file = [];
    private byte[]? _signature;

    public string Name => "mud";

    public ManufacturerMud Publication => publication;

    /// <summary>Where the file is served (its own mud-url), or null when the file names no usable https URL.</summary>
    public Uri? MudUrl { get; private set; }

    /// <summary>Where the signature is served (the file's mud-signature), or null.</summary>
    public Uri? SignatureUrl { get; private set; }

    /// <summary>Why something of the publication is not served (no mud-url, a signature URL but no signature …).</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The roots the served TLS certificates chain to: the lab's test CA.</summary>
    public X509Certificate2Collection TlsTrustRoots { get; private set; } = [];

    public string? EvidencePath => _log?.FullPath;

    /// <summary>Run evidence paths (relative to the run folder) of the copies of the file, the signature and the anchor.</summary>
    public IReadOnlyDictionary<string, string> Copies { get; private set; } = new Dictionary<string, string>();

    public ObservationList<MudServed> Requests { get; } = new(2000);

    public async Task StartAsync(LabContext lab, CancellationToken ct)
    {
        if (_log is not null)
            throw new InvalidOperationException("the MUD server is already started");
        TlsTrustRoots = [lab.Pki.CaCertificate];
        var problems = new List<string>();
        try
        {
            _file = await ManufacturerMudEvidence.ReadAsync(publication.MudFile, ct);
            _signature = publication.Signature is null ? null : await ManufacturerMudEvidence.ReadAsync(publication.Signature, ct);
            _log = new JsonLinesLog(lab.Run.CreateRunEvidence("mud", "jsonl", "mud-log", "application/jsonl"));
            Copies = await ManufacturerMudEvidence.CopyAsync(lab.Run, publication, ct);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new LabServiceException(Name, e.Message, e);
        }

        var mud = MudValidator.Validate(Path.GetFileName(publication.MudFile), _file).Mud;
        MudUrl = HttpsUrl(mud?.MudUrl, "mud-url", problems);
        SignatureUrl = mud?.MudSignature is null ? null : HttpsUrl(mud.MudSignature, "mud-signature", problems);
        if (SignatureUrl is not null && _signature is null)
            problems.Add($"the file names {SignatureUrl} as its mud-signature, but no signature was published: that URL answers 404");
        if (MudUrl is not null)
            Map(MudUrl, "mud-file", MudMediaTypes.MudFile, _file);
        if (SignatureUrl is not null)
            Map(SignatureUrl, "mud-signature", MudMediaTypes.Signature, _signature);
        Problems = problems;
        lab.Run.Journal.Append(new Note
        {
            Text = $"lab service mud serving {(MudUrl?.ToString() ?? "nothing")}{(SignatureUrl is null ? "" : $" and {SignatureUrl}")} ({publication.Origin})",
            Data = new() { ["evidence"] = _log.RelativePath, ["problems"] = string.Join("; ", problems) },
        });
    }

    private void Map(Uri url, string what, string mediaType, byte[]? content)
    {
        var host = url.IdnHost;
        if (!HostNames.IsValid(host))
            return;
        _routes.Add(https.Map(host, url.AbsolutePath, (request, response, ct) => ServeAsync(request, response, content is null ? null : what, mediaType, content, ct)));
        if (!_routes.Any(r => r is HostRoute h && h.Host == host))
            _routes.Add(new HostRoute(host, https.Map(host, "/*", (request, response, ct) => ServeAsync(request, response, null, null, null, ct))));
    }

    private async Task ServeAsync(LabHttpRequest request, HttpResponse response, string? what, string? mediaType, byte[]? content, CancellationToken ct)
    {
        var served = new MudServed
        {
            Time = request.Time,
            Client = request.Client,
            HostName = request.HostName,
            Path = request.Path,
            Method = request.Method,
            Status = StatusCodes.Status404NotFound,
            ClientCertificateMudUrl = request.ClientCertificate?.MudUrl,
        };
        if (request.Method != "GET")
            served = served with { Status = StatusCodes.Status405MethodNotAllowed };
        else if (what is not null && content is not null)
            served = served with { Status = StatusCodes.Status200OK, Served = what, MediaType = mediaType, Bytes = content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)) };
        Record(served);
        response.StatusCode = served.Status;
        if (served.Served is null)
        {
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(served.Status == StatusCodes.Status404NotFound ? "not found\n" : "method not allowed\n", ct);
            return;
        }
        response.ContentType = mediaType;
        response.ContentLength = content!.Length;
        await response.Body.WriteAsync(content, ct);
    }

    private void Record(MudServed served)
    {
        _log?.Write(w =>
        {
            w.WriteString("event", "request");
            w.WriteString("client", LabPeers.Text(served.Client));
            w.WriteString("host", served.HostName);
            w.WriteString("method", served.Method);
            w.WriteString("path", served.Path);
            w.WriteNumber("status", served.Status);
            if (served.Served is null)
                w.WriteNull("served");
            else
                w.WriteString("served", served.Served);
            if (served.MediaType is not null)
                w.WriteString("mediaType", served.MediaType);
            w.WriteNumber("bytes", served.Bytes);
            if (served.Sha256 is not null)
                w.WriteString("sha256", served.Sha256);
            if (served.ClientCertificateMudUrl is not null)
                w.WriteString("clientCertificateMudUrl", DeviceText.Clip(served.ClientCertificateMudUrl, 300));
        });
        Requests.Add(served);
    }

    private static Uri? HttpsUrl(string? text, string leaf, List<string> problems)
    {
        if (text is null)
        {
            problems.Add($"the MUD file has no {leaf}: nothing is served for it");
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !HostNames.IsValid(uri.IdnHost))
        {
            problems.Add($"the MUD file's {leaf} '{DeviceText.Clip(text, 200)}' is not an https URL with a host name: nothing is served for it");
            return null;
        }
        return uri;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var route in _routes)
            route.Dispose();
        _routes.Clear();
        _log?.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class HostRoute(string host, IDisposable registration) : IDisposable
    {
        public string Host => host;

        public void Dispose() => registration.Dispose();
    }
}
