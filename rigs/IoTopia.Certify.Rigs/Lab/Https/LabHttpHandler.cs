using Microsoft.AspNetCore.Http;

namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>Answers one request to a mapped host and path: sets the status, headers and body of <paramref name="response"/>.</summary>
public delegate Task LabHttpHandler(LabHttpRequest request, HttpResponse response, CancellationToken ct);
