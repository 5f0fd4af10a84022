using IoTopia.Certify.Harness.Drivers;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Lab.Steps;

/// <summary>
/// Where an attempt's view of the lab services' logs begins: taken by the rig before power-on, so a
/// step sees the requests of its own attempt only — and none that the DUT made before it looked.
/// </summary>
public static class LabCursors
{
    public const string Dns = "lab.dns.from";
    public const string Dhcp = "lab.dhcp.from";
    public const string Https = "lab.https.from";

    public static void Begin(AttemptContext attempt, DriverRegistry lab)
    {
        if (lab.TryGet<ILabDns>(out var dns))
            attempt.Items[Dns] = dns.Exchanges.Count;
        if (lab.TryGet<ILabDhcp>(out var dhcp))
            attempt.Items[Dhcp] = dhcp.Messages.Count;
        if (lab.TryGet<ILabHttps>(out var https))
            attempt.Items[Https] = https.Requests.Count;
    }

    public static long From(AttemptContext attempt, string key) => attempt.Items.TryGetValue(key, out var v) ? (long)v : 0;

    /// <summary>
    /// Moves the attempt's view of one service's log to its end: after a step configured the lab, the
    /// steps that wait for the DUT's requests look at those made from then on.
    /// </summary>
    public static void MoveToEnd(AttemptContext attempt, string key, long count) =>
        attempt.Items.AddOrUpdate(key, count, (_, old) => Math.Max((long)old, count));
}
