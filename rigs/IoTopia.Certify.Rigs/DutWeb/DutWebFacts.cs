using System.Globalization;
using IoTopia.Certify.Harness.Model;

namespace IoTopia.Certify.Rigs.DutWeb;

/// <summary>How a bench's DUT serves its web port, from the rig file's <c>dut.web-scheme</c> and <c>dut.web-port</c> (checked by the loader).</summary>
public sealed record DutWebFacts(string Scheme, int Port)
{
    public const string Https = "https";
    public const string Http = "http";

    public static DutWebFacts Of(DutDescription dut)
    {
        var scheme = dut.Facts.GetValueOrDefault("web-scheme") is { Length: > 0 } given ? given : Https;
        var port = dut.Facts.GetValueOrDefault("web-port") is { Length: > 0 } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? p
            : scheme == Http ? 80 : 443;
        return new DutWebFacts(scheme, port);
    }
}
