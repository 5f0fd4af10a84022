namespace IoTopia.Certify.Rigs.Tests.Serial.Throughput;

/// <summary>One data line of the serial index evidence: a chunk's first offset, its length and its arrival time.</summary>
internal sealed record IndexedChunk(long Offset, int Length, DateTimeOffset ReceivedAt);
