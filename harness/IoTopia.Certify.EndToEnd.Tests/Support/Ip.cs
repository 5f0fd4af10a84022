namespace IoTopia.Certify.EndToEnd.Tests.Support;

/// <summary>What iproute2's <c>ip</c> says about network namespaces and routes of this machine.</summary>
public static class Ip
{
    /// <summary>The network namespaces that exist now.</summary>
    public static async Task<IReadOnlyList<string>> NetnsAsync() =>
        (await ExternalProgram.OutputAsync("ip", "netns", "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();

    /// <summary>The pids inside a network namespace.</summary>
    public static async Task<IReadOnlyList<int>> NetnsPidsAsync(string name) =>
        (await ExternalProgram.OutputAsync("ip", "netns", "pids", name)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

    /// <summary>The interface of the root namespace's default route, or null when there is none.</summary>
    public static async Task<string?> DefaultRouteInterfaceAsync()
    {
        var words = (await ExternalProgram.OutputAsync("ip", "route", "show", "default")).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var dev = Array.IndexOf(words, "dev");
        return dev >= 0 && dev + 1 < words.Length ? words[dev + 1] : null;
    }
}
