using IoTopia.Certify.Wire.Addresses;

namespace IoTopia.Certify.Wire.Flows;

/// <summary>How the device under test is recognised: by its MAC (its addresses are learned from what it sends), or by one IP address (loopback captures, raw IP).</summary>
public sealed record DeviceSelector(MacAddr? Mac, IpAddr? Ip)
{
    public static DeviceSelector ByMac(MacAddr mac) => new(mac, null);

    public static DeviceSelector ByIp(IpAddr ip) => new(null, ip);

    public override string ToString() => Mac is { } mac ? $"MAC {mac}" : $"IP {Ip}";
}
