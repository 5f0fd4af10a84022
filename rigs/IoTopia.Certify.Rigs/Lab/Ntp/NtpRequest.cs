namespace IoTopia.Certify.Rigs.Lab.Ntp;

/// <summary>The header fields of an NTP packet a client sent (RFC 5905 §7.3) that a server's answer depends on.</summary>
/// <param name="Version">VN, 0–7 on the wire</param>
/// <param name="Mode">3 is a client's request</param>
/// <param name="Poll">the client's poll exponent, copied into the answer</param>
/// <param name="Transmit">the client's transmit timestamp, the answer's originate timestamp (bytes 40–47, as sent)</param>
/// <param name="Size">the datagram's length (48, or more with extension fields or a MAC)</param>
public sealed record NtpRequest(int LeapIndicator, int Version, int Mode, byte Stratum, sbyte Poll, ulong Transmit, int Size);
