namespace IoTopia.Certify.Fuzz.Campaigns;

/// <summary>A parser crashed, hung or overspent on an input; the message says how and where the input was saved.</summary>
public sealed class FuzzFailureException(string message) : Exception(message);
