namespace IoTopia.Certify.Rigs.Capture;

/// <summary>Packets lost by a capture (kernel ring full, interface drops) among those that arrived up to <see cref="Until"/>.</summary>
internal sealed record LossCount(DateTimeOffset Until, long Lost);
