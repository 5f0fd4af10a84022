using System.Net;
using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Rigs.Lab.Common;
using IoTopia.Certify.Rigs.Lab.Ntp;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>The lab's time service (SNTP/NTP server): every request the DUT sends is logged, and a scenario can shift or silence it.</summary>
[Capability("time")]
public interface ILabTime : ILabService
{
    /// <summary>Where it listens, once started.</summary>
    IPEndPoint? Endpoint { get; }

    /// <summary>Every datagram received, with what was served.</summary>
    ObservationList<NtpExchange> Exchanges { get; }

    /// <summary>Serves time as <paramref name="serving"/> says until the next reset (the next scenario's baseline).</summary>
    void Configure(NtpServing serving);
}
