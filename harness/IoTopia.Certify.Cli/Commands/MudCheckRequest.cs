using System.Net;
using IoTopia.Certify.Mud;
using IoTopia.Certify.Mud.Flows;
using IoTopia.Certify.Wire.Addresses;
using IoTopia.Certify.Wire.Flows;

namespace IoTopia.Certify.Cli.Commands;

/// <summary>The checked arguments of <c>certify mud check</c> and <c>certify mud draft</c>; every inconsistency is a <see cref="MudInputException"/> (exit 3).</summary>
public sealed record MudCheckRequest(string? Mud, string Pcap, CheckSettings Settings)
{
    public static MudCheckRequest From(string? mud, string? pcap, string? mac, string? ip, string[] localNetworks, string[] controllers, string[] probes, bool needMud = true)
    {
        if (needMud && string.IsNullOrEmpty(mud))
            throw new MudInputException("give the MUD file: --mud FILE");
        if (string.IsNullOrEmpty(pcap))
            throw new MudInputException("give the capture: --pcap FILE");
        if (mud is not null && !File.Exists(mud))
            throw new MudInputException($"{mud}: no such MUD file");
        if (pcap != MudCommandInputs.StandardInput && !File.Exists(pcap))
            throw new MudInputException($"{pcap}: no such capture file");
        if ((mac is null) == (ip is null))
            throw new MudInputException("name the device with exactly one of --device-mac MAC and --device-ip IP");
        DeviceSelector device;
        if (mac is not null)
            device = MacAddr.TryParse(mac, out var m) ? DeviceSelector.ByMac(m) : throw new MudInputException($"--device-mac {mac}: not a MAC address (e.g. 40:ae:30:46:6e:a8)");
        else
            device = DeviceSelector.ByIp(Address("--device-ip", ip!));
        var settings = new CheckSettings
        {
            Device = device,
            LocalNetworks = localNetworks.Select(Network).ToList(),
            Controllers = controllers.Select(Controller).ToList(),
            ProbeAddresses = probes.Select(p => Address("--probe-ip", p)).ToList(),
        };
        return new MudCheckRequest(mud, pcap, settings);
    }

    private static IpAddr Address(string option, string text) =>
        IPAddress.TryParse(text.Trim(), out var address) ? IpAddr.From(address) : throw new MudInputException($"{option} {text}: not an IP address");

    private static IPNetwork Network(string text)
    {
        var slash = text.IndexOf('/');
        if (IPNetwork.TryParse(text.Trim(), out var network) && slash > 0
            && IPAddress.TryParse(text[..slash].Trim(), out var written) && written.Equals(network.BaseAddress))
            return network;
        if (IPAddress.TryParse(text.Trim(), out var single))
            return new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        throw new MudInputException($"--local-network {text}: not a CIDR range (e.g. 10.42.0.0/24; host bits must be zero)");
    }

    private static KeyValuePair<string, IpAddr> Controller(string text)
    {
        var at = text.LastIndexOf('=');
        if (at <= 0 || at == text.Length - 1)
            throw new MudInputException($"--controller {text}: expected URN=IP (e.g. urn:ietf:params:mud:dns=10.42.0.1)");
        return KeyValuePair.Create(text[..at], Address("--controller", text[(at + 1)..]));
    }
}
