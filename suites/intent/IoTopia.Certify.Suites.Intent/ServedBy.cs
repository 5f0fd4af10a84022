using System.Security.Cryptography;
using IoTopia.Certify.Rigs.Lab.Mud;
using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>Says which file a fetch through the lab got: the manufacturer's, served by the lab MUD server, or some other answer of the lab.</summary>
internal static class ServedBy
{
    public static string Describe(ILabMud server, FetchedResource fetch, string what)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(fetch.Body));
        var served = server.Requests.Since(0).LastOrDefault(r => r.Sha256 == sha256 && r.Served == what
            && string.Equals(r.HostName, fetch.Url.IdnHost, StringComparison.OrdinalIgnoreCase) && r.Path == fetch.Url.AbsolutePath);
        return served is not null
            ? $"the manufacturer's {what} served by the lab MUD server: {server.Publication.Origin}"
            : $"the lab's answer at {fetch.Url} — not a {what} of the lab MUD server, which serves {server.MudUrl?.ToString() ?? "nothing"} ({server.Publication.Origin})";
    }
}
