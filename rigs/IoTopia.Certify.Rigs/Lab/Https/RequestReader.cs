using System.Net;
using System.Security.Cryptography;
using IoTopia.Certify.Harness.Text;
using IoTopia.Certify.Rigs.Addressing;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>Turns a Kestrel request into a <see cref="LabHttpRequest"/>: body read up to the limit, headers and path clipped.</summary>
internal sealed class RequestReader(LabHttpsOptions options, AddressPlan plan, TestPki pki)
{
    /// <summary>The request, and what went wrong reading its body (then the body holds what was read).</summary>
    public async Task<(LabHttpRequest Request, BodyProblem? Problem)> ReadAsync(HttpContext context, CancellationToken ct)
    {
        var time = DateTimeOffset.UtcNow;
        var (body, problem) = await ReadBodyAsync(context.Request, ct);
        var connection = context.Connection;
        var local = new IPEndPoint(connection.LocalIpAddress ?? IPAddress.None, connection.LocalPort);
        var sni = context.Features.Get<ITlsHandshakeFeature>()?.HostName;
        var client = connection.ClientCertificate;
        var request = new LabHttpRequest
        {
            Time = time,
            Client = new IPEndPoint(connection.RemoteIpAddress ?? IPAddress.None, connection.RemotePort),
            Local = local,
            Sni = string.IsNullOrEmpty(sni) ? null : DeviceText.Clip(sni, 300),
            HostName = HostFor(context.Request.Host.Host, sni, local.Address),
            Method = DeviceText.Clip(context.Request.Method, 32),
            Path = DeviceText.Clip(context.Request.Path.Value ?? "", options.PathLimit),
            Query = DeviceText.Clip(context.Request.QueryString.Value ?? "", options.PathLimit),
            Protocol = context.Request.Protocol,
            Headers = Headers(context.Request.Headers),
            ContentLength = context.Request.ContentLength,
            Body = body,
            BodySize = body.Length,
            BodySha256 = Convert.ToHexStringLower(SHA256.HashData(body)),
            ClientCertificate = client is null ? null : ClientCertificateInfo.From(client, pki),
        };
        return (request, problem);
    }

    private async Task<(byte[] Body, BodyProblem? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var limit = options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
            return ([], new(413, $"Content-Length {request.ContentLength} is over the {limit}-byte limit"));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await request.Body.ReadAsync(chunk, ct);
                if (n == 0)
                    return (buffer.ToArray(), null);
                if (buffer.Length + n > limit)
                    return (buffer.ToArray(), new(413, $"body over the {limit}-byte limit"));
                buffer.Write(chunk, 0, n);
            }
        }
        catch (BadHttpRequestException e)
        {
            return (buffer.ToArray(), new(e.StatusCode, $"bad request body: {e.Message}"));
        }
        catch (OperationCanceledException)
        {
            return (buffer.ToArray(), new(408, "body not complete before the request deadline, or the client went away"));
        }
        catch (IOException e)
        {
            return (buffer.ToArray(), new(400, $"body read failed: {e.Message}"));
        }
    }

    private List<KeyValuePair<string, string>> Headers(IHeaderDictionary headers)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                if (list.Count >= options.MaxLoggedHeaders)
                    return list;
                list.Add(new(DeviceText.Clip(name, 128), DeviceText.Clip(value ?? "", options.HeaderValueLimit)));
            }
        }
        return list;
    }

    private string HostFor(string? hostHeader, string? sni, IPAddress local)
    {
        foreach (var candidate in new[] { hostHeader, sni })
        {
            if (string.IsNullOrEmpty(candidate))
                continue;
            if (IPAddress.TryParse(candidate.Trim('[', ']'), out var literal))
                return NameOf(literal) ?? literal.ToString();
            return Common.HostNames.IsValid(candidate) ? Common.HostNames.Normalize(candidate) : DeviceText.Clip(candidate, 300);
        }
        return NameOf(local) ?? local.ToString();
    }

    private string? NameOf(IPAddress address) =>
        plan.Names.FirstOrDefault(n => n.Value.Equals(address)).Key?.ToLowerInvariant();
}
