namespace IoTopia.Certify.Rigs.Lab.Ntp;

/// <summary>Reads an NTP packet's header; anything shorter than the 48-byte header is malformed, with the reason.</summary>
public static class NtpRequestParser
{
    public const int HeaderLength = 48;

    public static bool TryParse(ReadOnlySpan<byte> packet, out NtpRequest? request, out string? error)
    {
        request = null;
        if (packet.Length < HeaderLength)
        {
            error = packet.Length == 0
                ? "an empty datagram"
                : $"{packet.Length} bytes: shorter than the {HeaderLength}-byte NTP header";
            return false;
        }
        error = null;
        request = new NtpRequest(
            LeapIndicator: packet[0] >> 6,
            Version: (packet[0] >> 3) & 7,
            Mode: packet[0] & 7,
            Stratum: packet[1],
            Poll: (sbyte)packet[2],
            Transmit: NtpTimestamp.Read(packet, 40),
            Size: packet.Length);
        return true;
    }
}
