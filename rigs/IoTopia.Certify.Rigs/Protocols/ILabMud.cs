using System.Security.Cryptography.X509Certificates;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Mud;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>The lab MUD server: serves the manufacturer's MUD file and signature at the URLs the file names, every request logged.</summary>
[Capability("lab-http")]
public interface ILabMud : ILabService
{
    /// <summary>The manufacturer's files it serves.</summary>
    ManufacturerMud Publication { get; }

    /// <summary>The URL the file is served at (its own mud-url), once started.</summary>
    Uri? MudUrl { get; }

    /// <summary>Roots its TLS certificates chain to.</summary>
    X509Certificate2Collection TlsTrustRoots { get; }

    /// <summary>Every request it answered.</summary>
    ObservationList<MudServed> Requests { get; }
}
