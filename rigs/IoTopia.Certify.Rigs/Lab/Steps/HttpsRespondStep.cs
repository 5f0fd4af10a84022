using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Files;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Steps;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Https;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Steps;

[Needs(typeof(ILabHttps))]
[Step("lab.https-respond", "Makes the lab HTTPS host answer a host and path (\"/*\": everything under it) with a status and body for this scenario; the next scenario's baseline restores the default. Later lab.https-request steps see the requests from here on.")]
public sealed class HttpsRespondStep : Step<HttpsRespondStep.Arguments>
{
    public const int MaxBodyBytes = 1024 * 1024;

    public sealed class Arguments : IValidatableArguments
    {
        /// <summary>A host name, or "*" for any.</summary>
        public required string Host { get; init; }

        public required string Path { get; init; }
        public int Status { get; init; } = 200;

        /// <summary>The body as text (UTF-8); or <see cref="BodyFile"/>; or none.</summary>
        public string? Body { get; init; }

        /// <summary>A file whose bytes are the body, at most 1 MiB.</summary>
        [SuiteFile]
        public string? BodyFile { get; init; }

        public string ContentType { get; init; } = "application/json";
        public Dictionary<string, string> Headers { get; init; } = [];

        public IEnumerable<string> Validate()
        {
            if (Host != LabHttpRoutes.AnyHost && !HostNames.IsValid(Host))
                yield return $"host: '{Host}' is not a host name (or * for any)";
            if (!Path.StartsWith('/') || Path.Any(c => c <= ' ' || c == '\u007f') || (Path.Contains('*') && !Path.EndsWith("/*", StringComparison.Ordinal)))
                yield return $"path: '{Path}' is not a path (it starts with '/', has no spaces, and '*' only as a final /*)";
            if (Status is < 200 or > 599)
                yield return $"status: {Status} is not a final HTTP status (200-599)";
            if (Body is not null && BodyFile is not null)
                yield return "body and body-file: give one";
            if (!IsHeaderValue(ContentType))
                yield return "content-type: not a header value";
            foreach (var (name, value) in Headers)
            {
                if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)))
                    yield return $"headers.{name}: not a header name";
                else if (LabCannedResponse.ReservedHeaders.Contains(name))
                    yield return $"headers.{name}: set by the server itself";
                if (!IsHeaderValue(value))
                    yield return $"headers.{name}: the value has control characters";
            }
        }

        private static bool IsHeaderValue(string value) => value.All(c => c is >= ' ' and <= '~');
    }

    protected override async Task<StepOutcome> RunAsync(StepContext context, Arguments args, CancellationToken ct)
    {
        var https = context.Drivers.Get<ILabHttps>();
        byte[] body;
        if (args.BodyFile is not null)
        {
            try
            {
                // the loader kept the path inside the suite's or rig's folder; the read is bounded all the same (a FIFO, /dev/zero)
                body = UntrustedFile.ReadAllBytes(args.BodyFile, MaxBodyBytes);
            }
            catch (UntrustedFileException e)
            {
                return StepOutcome.Error($"body-file: {e.Message}");
            }
        }
        else
        {
            body = System.Text.Encoding.UTF8.GetBytes(args.Body ?? "");
        }
        var response = new LabCannedResponse
        {
            Status = args.Status,
            ContentType = args.ContentType,
            Headers = [.. args.Headers],
            Body = body,
        };
        var host = args.Host == LabHttpRoutes.AnyHost ? args.Host : HostNames.Normalize(args.Host);
        var route = https.Respond(host, args.Path, response);
        LabCursors.MoveToEnd(context.Attempt, LabCursors.Https, https.Requests.Count);
        if (body.Length > 0)
            await context.WriteEvidenceAsync("bin", "lab-response-body", "application/octet-stream", body, "body", ct);
        context.Details["route"] = route;
        context.Details["host"] = host;
        context.Details["path"] = args.Path;
        context.Details["status"] = args.Status;
        context.Details["contentType"] = args.ContentType;
        context.Details["bodySize"] = body.Length;
        context.Details["bodySha256"] = response.BodySha256;
        return StepOutcome.Pass($"the lab HTTPS host answers {host}{args.Path} with {args.Status} ({body.Length} bytes) for this scenario");
    }
}
