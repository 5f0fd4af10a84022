using IoTopia.Certify.Rigs.Lab.Common;

namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>
/// Which handler answers a request: routes are (host name or "*", path) where a path ending in "/*"
/// matches everything under it. A named host beats "*", an exact path beats a prefix, a longer prefix
/// a shorter one, and among equals the latest registration wins (so a scenario can override a service).
/// </summary>
public sealed class LabHttpRoutes
{
    public const string AnyHost = "*";

    private readonly List<Route> _routes = [];
    private readonly Lock _lock = new();
    private long _order;

    /// <summary>Registers <paramref name="handler"/>; disposing the result removes it again. <paramref name="label"/> names it in the log (default: host and path).</summary>
    public IDisposable Map(string hostName, string path, LabHttpHandler handler, string? label = null)
    {
        var host = hostName == AnyHost ? AnyHost : HostNames.Normalize(hostName);
        if (!path.StartsWith('/'))
            throw new ArgumentException($"a route path starts with '/': '{path}'", nameof(path));
        var prefix = path.EndsWith("/*", StringComparison.Ordinal);
        var route = new Route(host, prefix ? path[..^1] : path, prefix, handler, this, label);
        lock (_lock)
        {
            route.Order = ++_order;
            _routes.Add(route);
        }
        return route;
    }

    /// <summary>The best route for <paramref name="hostName"/> and <paramref name="path"/>, or null.</summary>
    public (string Name, LabHttpHandler Handler)? Find(string hostName, string path)
    {
        lock (_lock)
        {
            var best = _routes
                .Where(r => (r.Host == AnyHost || string.Equals(r.Host, hostName, StringComparison.OrdinalIgnoreCase))
                    && (r.Prefix ? path.StartsWith(r.Path, StringComparison.Ordinal) : path == r.Path))
                .OrderByDescending(r => r.Host != AnyHost)
                .ThenByDescending(r => !r.Prefix)
                .ThenByDescending(r => r.Path.Length)
                .ThenByDescending(r => r.Order)
                .FirstOrDefault();
            return best is null ? null : (best.Name, best.Handler);
        }
    }

    private void Remove(Route route)
    {
        lock (_lock)
            _routes.Remove(route);
    }

    private sealed class Route(string host, string path, bool prefix, LabHttpHandler handler, LabHttpRoutes owner, string? label) : IDisposable
    {
        public string Host => host;
        public string Path => path;
        public bool Prefix => prefix;
        public LabHttpHandler Handler => handler;
        public long Order { get; set; }
        public string Name => label ?? $"{host}{path}{(prefix ? "*" : "")}";

        public void Dispose() => owner.Remove(this);
    }
}
