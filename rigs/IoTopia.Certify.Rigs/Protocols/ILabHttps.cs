using System.Net;
using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Https;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>The lab's HTTPS host (the DUT's cloud): routes by host and path, every request logged; a scenario can make it answer its own way.</summary>
[Capability("lab-http")]
public interface ILabHttps : ILabService
{
    IReadOnlyList<IPEndPoint> Endpoints { get; }

    /// <summary>Every request received, with how it was answered.</summary>
    ObservationList<HttpsExchange> Requests { get; }

    /// <summary>Routes <paramref name="hostName"/> and <paramref name="path"/> ("/x/*": everything under it) to a handler until disposed.</summary>
    IDisposable Map(string hostName, string path, LabHttpHandler handler);

    /// <summary>Serves <paramref name="hostName"/> with this certificate rather than one from the lab's test PKI.</summary>
    void UseCertificate(string hostName, X509Certificate2 certificate);

    /// <summary>Answers host and path with a canned response until the next reset; returns the route's name.</summary>
    string Respond(string hostName, string path, LabCannedResponse response);
}
