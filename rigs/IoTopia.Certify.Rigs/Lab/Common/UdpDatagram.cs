using System.Net;

namespace IoTopia.Certify.Rigs.Lab.Common;

/// <summary>One datagram as received: its bytes (a copy), who sent it and when.</summary>
public sealed record UdpDatagram(ReadOnlyMemory<byte> Data, IPEndPoint From, DateTimeOffset Received);
