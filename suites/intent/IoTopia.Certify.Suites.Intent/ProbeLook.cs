using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>The certificate channel read from the probe address: the DUT's HTTPS certificate, tried until it answers or the caller gives up.</summary>
internal sealed class ProbeLook(IDutNetwork? network)
{
    public const string Channel = "certificate (probe TLS to the DUT's HTTPS port)";

    public ProbeCertificate? Result { get; private set; }

    public bool Done => network is null || network.WebScheme != "https" || Result?.Certificate is not null;

    /// <summary>One more try, unless a certificate was read already.</summary>
    public async Task TryAsync(CancellationToken ct)
    {
        if (!Done)
            Result = await ProbeCertificate.ReadAsync(network!, ct);
    }

    public ChannelLook Look(DateTimeOffset time)
    {
        if (network is null)
            return ChannelLook.Unavailable(Channel, "the rig gives no probe route to the DUT (IDutNetwork)");
        if (network.WebScheme != "https")
            return ChannelLook.Unavailable(Channel, $"the DUT's web port {network.WebPort} speaks plain {network.WebScheme} (dut.web-scheme): it shows no certificate");
        if (Result?.Certificate is not { } certificate)
            return new ChannelLook(Channel, true, false, [], Result?.Problem ?? "not tried");
        var url = CertificateMudUrl.From(certificate, "probe TLS server certificate", time);
        var trust = Result.ChainsToRigRoots ? "chains to the rig's roots" : "does NOT chain to the rig's roots";
        return new ChannelLook(Channel, true, true, url is null ? [] : [url],
            $"{network.DutAddress}:{network.WebPort} showed {certificate.Subject} ({trust}){(url is null ? ", without id-pe-mud-url" : "")}");
    }
}
