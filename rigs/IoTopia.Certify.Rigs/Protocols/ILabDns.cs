using System.Net;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Dns;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>The lab's DNS resolver: every query the DUT asks is logged, and a scenario can make it answer a name its own way.</summary>
[Capability("dns")]
public interface ILabDns : ILabService
{
    /// <summary>Where it listens (the harness's probes ask it too), once started.</summary>
    IPEndPoint? Endpoint { get; }

    /// <summary>Every query received, with the answer sent.</summary>
    ObservationList<DnsExchange> Exchanges { get; }

    /// <summary>Answers <paramref name="name"/> with <paramref name="answer"/> until the next reset (the next scenario's baseline).</summary>
    void Configure(string name, DnsNameAnswer answer);
}
