namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>One host and path the update server answers in this scenario: its route on the HTTPS host and the offers made there, oldest first.</summary>
internal sealed class PathOffers(string host, string path)
{
    public string Host => host;
    public string Path => path;
    public List<UpdateOffer> History { get; } = [];
    public IDisposable? Route { get; set; }

    /// <summary>The offer answering now (the latest), or null.</summary>
    public UpdateOffer? Current => History.Count == 0 ? null : History[^1];
}
