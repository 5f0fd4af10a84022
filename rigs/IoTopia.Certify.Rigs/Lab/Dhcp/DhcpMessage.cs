using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Dhcp;

/// <summary>A BOOTP/DHCP message as parsed (RFC 2131 §2): the fixed fields the lab uses and every option.</summary>
public sealed record DhcpMessage
{
    public required byte Op { get; init; }
    public required byte HardwareType { get; init; }
    public required uint Xid { get; init; }
    public required ushort Flags { get; init; }
    public required IPAddress ClientAddress { get; init; }
    public required IPAddress RelayAddress { get; init; }

    /// <summary>chaddr, all 16 bytes as on the wire; <see cref="HardwareAddress"/> is the first hlen of them.</summary>
    public required byte[] ChaddrField { get; init; }

    public required byte[] HardwareAddress { get; init; }
    public required IReadOnlyList<DhcpOption> Options { get; init; }

    /// <summary>The message type (option 53), or null for plain BOOTP.</summary>
    public byte? MessageType => Option(DhcpMessageTypes.OptionMessageType) is [var t] ? t : null;

    /// <summary>An option's value, repeated occurrences concatenated (RFC 3396), or null when absent.</summary>
    public byte[]? Option(byte code)
    {
        byte[]? value = null;
        foreach (var option in Options)
        {
            if (option.Code == code)
                value = value is null ? option.Value : [.. value, .. option.Value];
        }
        return value;
    }
}
