using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace IoTopia.Certify.Rigs.Lab.Pki;

/// <summary>What goes into the DUT's certificate: its identity, its address, its MUD URL and optionally its MUD signer.</summary>
public sealed record DeviceCertificateRequest
{
    public required string Model { get; init; }
    public required string SerialNumber { get; init; }

    /// <summary>The DUT's address (subjectAltName iPAddress; the device serves its web UI with this certificate).</summary>
    public required IPAddress Address { get; init; }

    /// <summary>id-pe-mud-url: an absolute https URL of at most 255 printable ASCII characters.</summary>
    public required string MudUrl { get; init; }

    /// <summary>id-pe-mudsigner: the subject of the certificate that signs the MUD file; omitted when null.</summary>
    public X500DistinguishedName? MudSigner { get; init; }

    /// <summary>Extra subjectAltName DNS names.</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    public TimeSpan Validity { get; init; } = TimeSpan.FromDays(365);
}
