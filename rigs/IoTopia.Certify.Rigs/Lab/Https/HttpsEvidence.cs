using System.Net;
using System.Text.Json;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Lab.Common;
using Microsoft.AspNetCore.Connections;

namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>The HTTPS host's evidence lines: one per request, one per connection that ended without a request.</summary>
internal sealed class HttpsEvidence(JsonLinesLog log, int savedBodyBytes)
{
    public void Request(HttpsExchange exchange) => log.Write(w =>
    {
        var r = exchange.Request;
        w.WriteString("event", "request");
        w.WriteString("client", LabPeers.Text(r.Client));
        w.WriteString("local", LabPeers.Text(r.Local));
        WriteOrNull(w, "sni", r.Sni);
        w.WriteString("host", r.HostName);
        w.WriteString("method", r.Method);
        w.WriteString("path", r.Path);
        w.WriteString("query", r.Query);
        w.WriteString("protocol", r.Protocol);
        w.WriteStartArray("headers");
        foreach (var (name, value) in r.Headers)
        {
            w.WriteStartArray();
            w.WriteStringValue(name);
            w.WriteStringValue(value);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        if (r.ContentLength is { } declared)
            w.WriteNumber("contentLength", declared);
        w.WriteNumber("bodySize", r.BodySize);
        w.WriteString("bodySha256", r.BodySha256);
        if (r.Body.Length <= savedBodyBytes)
            w.WriteBase64String("bodyBase64", r.Body.Span);
        WriteClientCertificate(w, r.ClientCertificate);
        w.WriteString("route", exchange.Route);
        w.WriteNumber("status", exchange.Status);
        if (exchange.Problem is not null)
            w.WriteString("problem", exchange.Problem);
    });

    /// <summary>A scenario configured <paramref name="route"/> to answer with <paramref name="response"/>.</summary>
    public void Configured(string route, string host, string path, LabCannedResponse response) => log.Write(w =>
    {
        w.WriteString("event", "configure");
        w.WriteString("route", route);
        w.WriteString("host", host);
        w.WriteString("path", path);
        w.WriteNumber("status", response.Status);
        w.WriteString("contentType", response.ContentType);
        w.WriteStartArray("headers");
        foreach (var (name, value) in response.Headers)
        {
            w.WriteStartArray();
            w.WriteStringValue(name);
            w.WriteStringValue(value);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteNumber("bodySize", response.Body.Length);
        w.WriteString("bodySha256", response.BodySha256);
    });

    /// <summary>The scenario's routes were removed (the next scenario's baseline).</summary>
    public void Reset(IReadOnlyList<string> routes) => log.Write(w =>
    {
        w.WriteString("event", "reset");
        w.WriteStartArray("routes");
        foreach (var route in routes)
            w.WriteStringValue(route);
        w.WriteEndArray();
    });

    /// <summary>The TLS handshake failed (<paramref name="tlsCompleted"/> false), or the client left after it (e.g. it refused our certificate).</summary>
    public void ConnectionWithoutRequest(ConnectionContext connection, bool tlsCompleted, string? sni) => log.Write(w =>
    {
        w.WriteString("event", "connection-without-request");
        w.WriteBoolean("tlsCompleted", tlsCompleted);
        w.WriteString("client", LabPeers.Text(connection.RemoteEndPoint as IPEndPoint));
        w.WriteString("local", LabPeers.Text(connection.LocalEndPoint as IPEndPoint));
        WriteOrNull(w, "sni", sni is null ? null : DeviceText.Clip(sni, 300));
    });

    private static void WriteClientCertificate(Utf8JsonWriter w, ClientCertificateInfo? cert)
    {
        if (cert is null)
        {
            w.WriteNull("clientCertificate");
            return;
        }
        w.WriteStartObject("clientCertificate");
        w.WriteString("subject", cert.Subject);
        w.WriteString("issuer", cert.Issuer);
        w.WriteString("sha256", cert.Sha256);
        w.WriteString("notBefore", cert.NotBefore);
        w.WriteString("notAfter", cert.NotAfter);
        WriteOrNull(w, "mudUrl", cert.MudUrl);
        if (cert.MudUrlProblem is not null)
            w.WriteString("mudUrlProblem", cert.MudUrlProblem);
        WriteOrNull(w, "mudSigner", cert.MudSigner);
        w.WriteBoolean("chainsToLabCa", cert.ChainsToLabCa);
        w.WriteEndObject();
    }

    private static void WriteOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }
}
