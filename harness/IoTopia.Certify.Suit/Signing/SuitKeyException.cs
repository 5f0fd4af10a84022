namespace IoTopia.Certify.Suit.Signing;

/// <summary>A key file that holds no usable EC key.</summary>
public sealed class SuitKeyException(string message, Exception? inner = null) : Exception(message, inner);
