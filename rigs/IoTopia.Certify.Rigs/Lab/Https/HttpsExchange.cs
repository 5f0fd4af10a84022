namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>A request the host served and how: the route that answered ("default" when none matched), the status, and any problem.</summary>
public sealed record HttpsExchange(LabHttpRequest Request, string Route, int Status, string? Problem);
